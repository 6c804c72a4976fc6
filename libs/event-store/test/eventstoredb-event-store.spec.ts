import { describe, it } from '@jest/globals';
import type { EventStore } from '#event-store';
import { EventStoreDbEventStore } from '#event-store/eventstoredb';
import { describeEventStoreConformance } from './event-store-conformance.js';

/**
 * The same conformance suite as the SQLite adapter, against EventStoreDB 24.10 started by
 * testcontainers. Without a container runtime the suite is reported as skipped, with the
 * reason: it neither fails nor counts as passed.
 */
const IMAGE = 'eventstore/eventstore:24.10';

async function containerRuntimeProblem(): Promise<string | undefined> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return undefined;
  } catch (error) {
    return (error as Error).message.split('\n')[0];
  }
}

const problem = await containerRuntimeProblem();

if (problem === undefined) {
  describeEventStoreConformance(`EventStoreDB (${IMAGE}, testcontainers)`, async (): Promise<EventStore> => {
    const { GenericContainer, Wait } = await import('testcontainers');
    const container = await new GenericContainer(IMAGE)
      .withEnvironment({ EVENTSTORE_INSECURE: 'true', EVENTSTORE_MEM_DB: 'true', EVENTSTORE_RUN_PROJECTIONS: 'None' })
      .withExposedPorts(2113)
      .withWaitStrategy(Wait.forHealthCheck())
      .start();
    const store = await EventStoreDbEventStore.connect(
      `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
    );
    const close = store.close.bind(store);
    store.close = async () => {
      await close();
      await container.stop();
    };
    return store;
  });
} else {
  process.stderr.write(`EventStoreDB conformance suite skipped: no container runtime (${problem})\n`);
  describe.skip(`EventStore conformance: EventStoreDB (${IMAGE}): skipped, no container runtime: ${problem}`, () => {
    it('runs the whole conformance suite once a container runtime is available', () => undefined);
  });
}
