import { isSchemaName } from '#event-store/postgres';

export interface PostgresConfig {
  /** DATABASE_URL: postgres://user:password@host:port/database?... */
  readonly url: string;
  /** DATABASE_SCHEMA: the schema holding the events (created if missing). */
  readonly schema: string;
}

/**
 * The PostgreSQL event store, when DATABASE_URL names one; a line in `problems` for each thing
 * wrong. Only one server-side store may be named: the service keeps its events in one log.
 */
export function postgresFrom(
  value: (name: string) => string | undefined,
  problems: string[],
  eventStoreConnectionString: string | undefined,
): PostgresConfig | undefined {
  const url = value('DATABASE_URL');
  const schema = value('DATABASE_SCHEMA') ?? 'public';
  if (!isSchemaName(schema)) {
    problems.push(
      `DATABASE_SCHEMA must be a plain schema name: lower-case letters, digits and _, not starting with a digit, at most 48 (got "${schema}")`,
    );
  }
  if (url === undefined) return undefined;
  if (!/^postgres(ql)?:\/\/\S+$/.test(url)) {
    // the value is not echoed: a malformed URL may still hold a password
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// connection string');
  }
  if (eventStoreConnectionString !== undefined) {
    problems.push('DATABASE_URL and EVENTSTORE_CONNECTION_STRING name two event stores: set one of them');
  }
  return { url, schema };
}

/** METRICS_PORT: a port of its own serving GET /metrics without a key, or `undefined` for none. */
export function metricsPortFrom(
  value: (name: string) => string | undefined,
  problems: string[],
  apiPort: number,
): number | undefined {
  const text = value('METRICS_PORT');
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) {
    problems.push(`METRICS_PORT must be an integer from 1 to 65535 (got "${text}")`);
  } else if (port === apiPort) {
    problems.push(`METRICS_PORT must differ from PORT (${apiPort}): the API's port keeps /metrics behind an admin key`);
  }
  return port;
}
