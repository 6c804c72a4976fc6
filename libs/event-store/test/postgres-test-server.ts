import { describe, it } from '@jest/globals';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { postgresUnavailable } from '#event-store/postgres';

/**
 * The PostgreSQL server the tests use: the project's machines run one at 127.0.0.1:5432 with
 * trust authentication and a database `test` (TEST_DATABASE_URL names another). Each test file
 * works in schemas of its own, made fresh and dropped after, so runs never see each other's events.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Why the PostgreSQL tests cannot run here, or `undefined` when a server answers. */
export const postgresProblem = await postgresUnavailable(TEST_DATABASE_URL);

/** A schema name no other run uses. */
export function freshSchema(purpose: string): string {
  return `test_${purpose}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * Declares the tests when a server answers; otherwise one skipped test saying why, so a run
 * without PostgreSQL neither fails for it nor counts these as passed.
 */
export function describeWithPostgres(name: string, tests: () => void): void {
  if (postgresProblem === undefined) {
    describe(name, tests);
    return;
  }
  process.stderr.write(`${name}: skipped, ${postgresProblem}\n`);
  describe.skip(`${name}: skipped, ${postgresProblem}`, () => {
    it('runs against a PostgreSQL server once one answers (TEST_DATABASE_URL)', () => undefined);
  });
}
