import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { METHODOLOGY_V1, methodologyProblems, type Methodology } from '#domain';
import { readKeysFile, type ApiKeyRecord } from '../access/api-keys.js';
import { metricsPortFrom, postgresFrom, type PostgresConfig } from './store-config.js';
import { transparencyFrom, type TransparencyConfig } from './transparency-config.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const SQLITE_SYNCHRONOUS_MODES = ['normal', 'full'] as const;
export type SqliteSynchronousMode = (typeof SQLITE_SYNCHRONOUS_MODES)[number];

/** Everything the service reads from its environment, checked once at start-up. */
export interface AppConfig {
  readonly nodeEnv: string;
  readonly host: string;
  readonly port: number;
  /** Absolute path of the folder holding the embedded event store. */
  readonly dataDir: string;
  /**
   * Absolute path of the folder holding this process's own state (read models, idempotency
   * answers): `DATA_DIR` unless `LOCAL_DIR` is set, which it must be when several processes
   * share one event store.
   */
  readonly localDir: string;
  readonly logLevel: LogLevel;
  readonly sqliteSynchronous: SqliteSynchronousMode;
  /** When set, events live in EventStoreDB instead of the embedded store. */
  readonly eventStoreConnectionString: string | undefined;
  /** When set (DATABASE_URL), events live in PostgreSQL instead of the embedded store. */
  readonly postgres: PostgresConfig | undefined;
  /** A port of its own for GET /metrics without a key (METRICS_PORT); on the API's port it needs an admin key. */
  readonly metricsPort: number | undefined;
  /** The scoring policy: v1, or the document named by METHODOLOGY_FILE. */
  readonly methodology: Methodology;
  /** The keys of API_KEYS_FILE; `undefined` in development without one (a key is generated). */
  readonly apiKeys: readonly ApiKeyRecord[] | undefined;
  /** Origins allowed to call the API from a browser; none unless CORS_ORIGINS is set. */
  readonly corsOrigins: readonly string[];
  /** Requests per minute allowed to each key. */
  readonly rateLimitPerMinute: number;
  /** How long a client has to send its whole request (headers and body). */
  readonly requestTimeoutMs: number;
  /** Server-sent-event streams one key, and one address, may hold open at once. */
  readonly streamsPerKey: number;
  readonly streamsPerAddress: number;
  /** Public register mode: the register views and list open to callers without a key. */
  readonly publicRegister: boolean;
  /** Requests per minute allowed to each address calling without a key in public register mode. */
  readonly publicRateLimitPerMinute: number;
  /** Absolute path of the console's build (index.html and assets/), served at /console/. */
  readonly consoleDir: string;
  /** The transparency log: origin, checkpoint signing key, cadence, witnesses. */
  readonly transparency: TransparencyConfig;
}

/** Start-up refused: every problem found in the environment, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Where the service may start without a keys file (it then makes up a key for the run). */
const KEYLESS_ENVIRONMENTS = ['development', 'test'];

/**
 * Reads and validates the configuration; reports all problems at once so an operator fixes
 * them in one go. Each variable is described in the README.
 */
export function loadConfig(env: Env): AppConfig {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw === '' ? undefined : raw;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = value(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name} must be one of ${allowed.join(', ')} (got "${env[name]}")`);
    return fallback;
  };

  const portText = value('PORT') ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    problems.push(`PORT must be an integer from 0 to 65535 (got "${env.PORT}")`);
  }
  const eventStoreConnectionString = value('EVENTSTORE_CONNECTION_STRING');
  if (eventStoreConnectionString !== undefined && !/^esdb(\+discover)?:\/\/\S+$/.test(eventStoreConnectionString)) {
    problems.push(
      `EVENTSTORE_CONNECTION_STRING must be an esdb:// or esdb+discover:// connection string (got "${eventStoreConnectionString}")`,
    );
  }

  const methodology = methodologyFrom(value('METHODOLOGY_FILE'), problems);
  const nodeEnv = value('NODE_ENV') ?? 'development';
  const keysFile = value('API_KEYS_FILE');
  let apiKeys: readonly ApiKeyRecord[] | undefined;
  if (keysFile !== undefined) {
    const read = readKeysFile(keysFile);
    problems.push(...read.problems);
    apiKeys = read.records;
  } else if (!KEYLESS_ENVIRONMENTS.includes(nodeEnv)) {
    problems.push(
      `API_KEYS_FILE is required when NODE_ENV=${nodeEnv}; only development and test start without one (create keys with: npm run cli -- keys create)`,
    );
  }
  const positive = (name: string, fallback: number): number => {
    const text = value(name) ?? String(fallback);
    if (/^[1-9][0-9]{0,11}$/.test(text)) return Number(text);
    problems.push(`${name} must be a positive integer (got "${env[name]}")`);
    return fallback;
  };

  const config: AppConfig = {
    nodeEnv,
    host: value('HOST') ?? '0.0.0.0',
    port,
    dataDir: resolve(value('DATA_DIR') ?? './data'),
    localDir: resolve(value('LOCAL_DIR') ?? value('DATA_DIR') ?? './data'),
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    sqliteSynchronous: oneOf('SQLITE_SYNCHRONOUS', SQLITE_SYNCHRONOUS_MODES, 'normal'),
    eventStoreConnectionString,
    postgres: postgresFrom(value, problems, eventStoreConnectionString),
    metricsPort: metricsPortFrom(value, problems, port),
    methodology,
    apiKeys,
    corsOrigins: (value('CORS_ORIGINS') ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
    rateLimitPerMinute: positive('RATE_LIMIT_PER_MINUTE', 6000),
    requestTimeoutMs: positive('REQUEST_TIMEOUT_SECONDS', 30) * 1000,
    streamsPerKey: positive('STREAMS_PER_KEY', 10),
    streamsPerAddress: positive('STREAMS_PER_ADDRESS', 20),
    publicRegister: oneOf('PUBLIC_REGISTER', ['true', 'false'], 'false') === 'true',
    publicRateLimitPerMinute: positive('PUBLIC_RATE_LIMIT_PER_MINUTE', 60),
    consoleDir: consoleDirFrom(value('CONSOLE_DIR') ?? 'dist/console', problems),
    transparency: transparencyFrom(value, problems, {
      keyRequired: !KEYLESS_ENVIRONMENTS.includes(nodeEnv),
      nodeEnv,
      intervalSeconds: positive('CHECKPOINT_INTERVAL_SECONDS', 10),
    }),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/**
 * The console's folder, resolved from the working directory. It need not exist (the console not
 * built yet is answered with a page saying so), but when it does it must be a folder.
 */
function consoleDirFrom(setting: string, problems: string[]): string {
  const dir = resolve(setting);
  const found = statSync(dir, { throwIfNoEntry: false });
  if (found !== undefined && !found.isDirectory()) problems.push(`CONSOLE_DIR must be a folder (got "${setting}")`);
  return dir;
}

function methodologyFrom(file: string | undefined, problems: string[]): Methodology {
  if (file === undefined) return METHODOLOGY_V1;
  let candidate: unknown;
  try {
    candidate = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`METHODOLOGY_FILE ${file} cannot be read as JSON: ${(error as Error).message}`);
    return METHODOLOGY_V1;
  }
  const issues = methodologyProblems(candidate);
  problems.push(...issues.map((issue) => `METHODOLOGY_FILE ${file}: ${issue}`));
  return issues.length === 0 ? (candidate as Methodology) : METHODOLOGY_V1;
}
