import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { METHODOLOGY_V1 } from '#domain';
import { createKey } from '../src/access/api-keys.js';
import { ConfigError, loadConfig } from '../src/config/app-config.js';
import { COSIGNATURE_V1, generateSignerKey } from '#transparency';

const WITNESS = generateSignerKey('witness.example.org/w1', COSIGNATURE_V1);

function checkpointKeyFile(origin: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'checkpoint-key-')), 'checkpoint-signing.key');
  writeFileSync(file, generateSignerKey(origin).text);
  return file;
}

describe('loadConfig', () => {
  it('gives every setting a working default on a fresh machine', () => {
    expect(loadConfig({})).toEqual({
      nodeEnv: 'development',
      host: '0.0.0.0',
      port: 3000,
      dataDir: resolve('./data'),
      localDir: resolve('./data'),
      logLevel: 'info',
      sqliteSynchronous: 'normal',
      methodology: METHODOLOGY_V1,
      apiKeys: undefined,
      corsOrigins: [],
      rateLimitPerMinute: 6000,
      requestTimeoutMs: 30_000,
      streamsPerKey: 10,
      streamsPerAddress: 20,
      eventStoreConnectionString: undefined,
      postgres: undefined,
      metricsPort: undefined,
      publicRegister: false,
      publicRateLimitPerMinute: 60,
      consoleDir: resolve('dist/console'),
      transparency: {
        origin: 'localhost/compliance-engine',
        signingKey: undefined,
        checkpointIntervalMs: 10_000,
        witnesses: [],
      },
    });
  });

  it('requires a valid keys file in production, and names every problem in one', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/API_KEYS_FILE is required when NODE_ENV=production/);
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(/API_KEYS_FILE is required when NODE_ENV=staging/);
    expect(loadConfig({ NODE_ENV: 'test' }).apiKeys).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), 'keys-'));
    const bad = join(dir, 'keys.json');
    writeFileSync(
      bad,
      JSON.stringify([
        { id: 'a', role: 'root', sha256: 'xyz' },
        { id: 'b', role: 'officer', sha256: 'a'.repeat(64) },
        { id: 'c', role: 'auditor', sha256: 'a'.repeat(64), bins: ['081140000436'] },
      ]),
    );
    const error = catchError(() => loadConfig({ API_KEYS_FILE: bad })) as ConfigError;
    expect(error.problems).toEqual([
      'API_KEYS_FILE entry 0 (a): role must be one of officer, registry, auditor, admin',
      "API_KEYS_FILE entry 0 (a): sha256 must be the 64 lowercase hex digits of the key's SHA-256",
      'API_KEYS_FILE entry 1 (b): an officer key must list its bins',
      'API_KEYS_FILE entry 2 (c): the same key is listed twice',
      'API_KEYS_FILE entry 2 (c): only officer keys are scoped to bins',
    ]);
  });

  it('requires a checkpoint signing key in production, named as the origin, and witness keys of cosigners', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', API_KEYS_FILE: keysFile() })).toThrow(
      /CHECKPOINT_SIGNING_KEY_FILE is required when NODE_ENV=production/,
    );
    const error = catchError(() =>
      loadConfig({
        CHECKPOINT_SIGNING_KEY_FILE: checkpointKeyFile('registry.example.kz/log'),
        TRANSPARENCY_ORIGIN: 'elsewhere.example/log',
        WITNESS_KEYS: `${generateSignerKey('not-a-cosigner').verifier.text},nonsense`,
      }),
    ) as ConfigError;
    expect(error.problems).toEqual([
      "the checkpoint signing key is named registry.example.kz/log, the log's origin is elsewhere.example/log: they must be the same",
      "WITNESS_KEYS: not-a-cosigner's key is not a cosignature/v1 key (type 4)",
      'WITNESS_KEYS: "nonsense" is not a verifier key: not a note verifier key (name+hash+key)',
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'checkpoint-key-'));
    writeFileSync(join(dir, 'k'), 'PRIVATE+KEY+x+00000000+AQ==');
    expect(() => loadConfig({ CHECKPOINT_SIGNING_KEY_FILE: join(dir, 'k') })).toThrow(
      /CHECKPOINT_SIGNING_KEY_FILE .* is not a usable signing key: an Ed25519 private key has a 32-byte seed/,
    );
    expect(() => loadConfig({ TRANSPARENCY_ORIGIN: 'has space' })).toThrow(/TRANSPARENCY_ORIGIN must be non-empty/);
  });

  it('loads a methodology from METHODOLOGY_FILE, and refuses one that is unreadable or invalid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'methodology-'));
    const v2 = join(dir, 'v2.json');
    writeFileSync(v2, JSON.stringify({ ...METHODOLOGY_V1, version: 'v2', grades: { A: 90, B: 75, C: 50 } }));
    expect(loadConfig({ METHODOLOGY_FILE: v2 }).methodology).toMatchObject({ version: 'v2', grades: { A: 90 } });

    const broken = join(dir, 'broken.json');
    writeFileSync(
      broken,
      JSON.stringify({ ...METHODOLOGY_V1, version: 'v3', training: { max: -1, windowMonths: 12 } }),
    );
    expect(() => loadConfig({ METHODOLOGY_FILE: broken })).toThrow(
      /METHODOLOGY_FILE .*broken\.json: training\.max must be a number of at least 0/,
    );
    expect(() => loadConfig({ METHODOLOGY_FILE: join(dir, 'missing.json') })).toThrow(
      /METHODOLOGY_FILE .* cannot be read as JSON/,
    );
  });

  it('reads each setting from the environment', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATA_DIR: '/var/lib/compliance',
      LOG_LEVEL: 'WARN',
      SQLITE_SYNCHRONOUS: 'full',
      NODE_ENV: 'production',
      API_KEYS_FILE: keysFile(),
      CORS_ORIGINS: 'https://register.example, https://atameken.example',
      RATE_LIMIT_PER_MINUTE: '120',
      REQUEST_TIMEOUT_SECONDS: '10',
      STREAMS_PER_KEY: '3',
      STREAMS_PER_ADDRESS: '5',
      PUBLIC_REGISTER: 'true',
      PUBLIC_RATE_LIMIT_PER_MINUTE: '30',
      CONSOLE_DIR: 'build/console',
      CHECKPOINT_SIGNING_KEY_FILE: checkpointKeyFile('registry.example.kz/log'),
      CHECKPOINT_INTERVAL_SECONDS: '60',
      WITNESS_KEYS: ` ${WITNESS.verifier.text} `,
    });
    expect(config.transparency).toMatchObject({
      origin: 'registry.example.kz/log',
      signingKey: expect.objectContaining({ name: 'registry.example.kz/log' }),
      checkpointIntervalMs: 60_000,
      witnesses: [expect.objectContaining({ name: 'witness.example.org/w1' })],
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/var/lib/compliance',
      logLevel: 'warn',
      sqliteSynchronous: 'full',
      nodeEnv: 'production',
      apiKeys: [expect.objectContaining({ id: 'ops', role: 'admin' })],
      corsOrigins: ['https://register.example', 'https://atameken.example'],
      rateLimitPerMinute: 120,
      requestTimeoutMs: 10_000,
      streamsPerKey: 3,
      streamsPerAddress: 5,
      publicRegister: true,
      publicRateLimitPerMinute: 30,
      consoleDir: resolve('build/console'),
    });
  });

  it('reports every invalid setting at once, naming the variable and the value', () => {
    const error = catchError(() => loadConfig({ PORT: '80a', LOG_LEVEL: 'verbose', SQLITE_SYNCHRONOUS: 'off' }));
    expect(error).toBeInstanceOf(ConfigError);
    const { problems } = error as ConfigError;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/PORT must be an integer from 0 to 65535 \(got "80a"\)/);
    expect(problems[1]).toMatch(
      /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent \(got "verbose"\)/,
    );
    expect(problems[2]).toMatch(/SQLITE_SYNCHRONOUS must be one of normal, full/);
  });

  it.each([
    'RATE_LIMIT_PER_MINUTE',
    'REQUEST_TIMEOUT_SECONDS',
    'STREAMS_PER_KEY',
    'STREAMS_PER_ADDRESS',
    'PUBLIC_RATE_LIMIT_PER_MINUTE',
    'CHECKPOINT_INTERVAL_SECONDS',
  ])('refuses %s that is not a positive integer', (name) => {
    for (const text of ['0', '-1', '1.5', '1e3', 'ten']) {
      expect(() => loadConfig({ [name]: text })).toThrow(new RegExp(`${name} must be a positive integer`));
    }
  });

  it('opens the register to the public only when PUBLIC_REGISTER is true or false, nothing else', () => {
    expect(loadConfig({ PUBLIC_REGISTER: 'false' }).publicRegister).toBe(false);
    expect(loadConfig({ PUBLIC_REGISTER: 'TRUE' }).publicRegister).toBe(true);
    for (const text of ['1', 'yes', 'on', 'truthy']) {
      expect(() => loadConfig({ PUBLIC_REGISTER: text })).toThrow(
        new RegExp(`PUBLIC_REGISTER must be one of true, false \\(got "${text}"\\)`),
      );
    }
  });

  it('takes CONSOLE_DIR from the working directory, absent (not built yet) or a folder, never a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-'));
    expect(loadConfig({ CONSOLE_DIR: dir }).consoleDir).toBe(dir);
    expect(loadConfig({ CONSOLE_DIR: join(dir, 'not-built') }).consoleDir).toBe(join(dir, 'not-built'));
    const file = join(dir, 'index.html');
    writeFileSync(file, '<!doctype html>');
    expect(() => loadConfig({ CONSOLE_DIR: file })).toThrow(/CONSOLE_DIR must be a folder/);
  });

  it.each(['-1', '65536', '3000.5', '1e3'])('refuses PORT=%p', (port) => {
    expect(() => loadConfig({ PORT: port })).toThrow(/PORT/);
  });

  it('selects EventStoreDB with an esdb:// connection string, and refuses anything else', () => {
    expect(
      loadConfig({ EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' }).eventStoreConnectionString,
    ).toBe('esdb://localhost:2113?tls=false');
    expect(() => loadConfig({ EVENTSTORE_CONNECTION_STRING: 'http://localhost:2113' })).toThrow(
      /EVENTSTORE_CONNECTION_STRING must be an esdb:\/\/ or esdb\+discover:\/\/ connection string/,
    );
  });

  it('selects PostgreSQL with a postgres:// DATABASE_URL, and refuses another scheme, a second store or a bad schema', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://app:pw@db:5432/compliance' }).postgres).toEqual({
      url: 'postgres://app:pw@db:5432/compliance',
      schema: 'public',
    });
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/compliance', DATABASE_SCHEMA: 'events_2' }).postgres).toEqual({
      url: 'postgresql://db/compliance',
      schema: 'events_2',
    });
    const error = catchError(() =>
      loadConfig({
        DATABASE_URL: 'mysql://app:secret@db/compliance',
        DATABASE_SCHEMA: 'Events; DROP',
        EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113',
      }),
    ) as ConfigError;
    expect(error.problems).toEqual([
      'DATABASE_SCHEMA must be a plain schema name: lower-case letters, digits and _, not starting with a digit, at most 48 (got "Events; DROP")',
      'DATABASE_URL must be a postgres:// or postgresql:// connection string',
      'DATABASE_URL and EVENTSTORE_CONNECTION_STRING name two event stores: set one of them',
    ]);
    expect(error.message).not.toContain('secret');
  });

  it('opens a metrics port only when METRICS_PORT names one other than the API port', () => {
    expect(loadConfig({ METRICS_PORT: '9464' }).metricsPort).toBe(9464);
    expect(() => loadConfig({ METRICS_PORT: '3000' })).toThrow(/METRICS_PORT must differ from PORT \(3000\)/);
    expect(() => loadConfig({ METRICS_PORT: '0' })).toThrow(/METRICS_PORT must be an integer from 1 to 65535/);
  });
});

function keysFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'keys-')), 'keys.json');
  createKey(file, 'ops', 'admin');
  return file;
}

function catchError(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
