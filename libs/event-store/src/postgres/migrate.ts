import type pg from 'pg';
import { migrations } from './schema.js';

/**
 * Creates the schema and applies the migrations it lacks, in one transaction under an advisory
 * lock of the schema's, so processes starting at once never race to create the same table.
 */
export async function migrate(pool: pg.Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('event-store-migrations:' || $1::text))`, [schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${schema}".event_store_migrations (
         version integer PRIMARY KEY,
         applied timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query<{ version: number }>(
      `SELECT coalesce(max(version), 0) AS version FROM "${schema}".event_store_migrations`,
    );
    const steps = migrations(schema);
    for (let version = rows[0].version; version < steps.length; version++) {
      await client.query(steps[version]);
      await client.query(`INSERT INTO "${schema}".event_store_migrations (version) VALUES ($1)`, [version + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
