import pg from 'pg';

/**
 * Why no PostgreSQL server can be used at `connectionString` (none answers, it refuses the
 * login...), or `undefined` when one answers a query: for what runs only where a server does
 * (tests and benchmarks say they were skipped, and why).
 */
export async function postgresUnavailable(connectionString: string, timeoutMs = 3_000): Promise<string | undefined> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return `no PostgreSQL server answers at ${connectionString} (${(error as Error).message || String(error)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}
