import { PostgresEventStore } from '#event-store/postgres';
import { describeEventStoreConformance } from './event-store-conformance.js';
import { describeWithPostgres, dropSchema, freshSchema, TEST_DATABASE_URL } from './postgres-test-server.js';

/** The same conformance suite as every adapter, against the real server, in a schema made for this run. */
describeWithPostgres('PostgreSQL event store', () => {
  describeEventStoreConformance(`PostgreSQL (${TEST_DATABASE_URL})`, async () => {
    const schema = freshSchema('conformance');
    const store = await PostgresEventStore.connect({ connectionString: TEST_DATABASE_URL, schema, poolSize: 4 });
    const close = store.close.bind(store);
    store.close = async () => {
      await close();
      await dropSchema(schema);
    };
    return store;
  });
});
