import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { generateSignerKey } from '#transparency';
import { createKey } from '../apps/compliance-api/src/access/api-keys.js';
import { loadConfig } from '../apps/compliance-api/src/config/app-config.js';
import { eventStoreKind } from '../apps/compliance-api/src/event-store/open-event-store.js';

/**
 * The compose files cannot be started or checked by `docker compose config` on machines without
 * the Compose v2 plugin (docs/ARCHITECTURE.md says how to run them); this checks what can be
 * checked without it: they parse, and every API service's environment passes the service's own
 * configuration check.
 */
interface ComposeFile {
  services: Record<
    string,
    {
      image?: string;
      build?: unknown;
      environment?: Record<string, string>;
      healthcheck?: unknown;
      depends_on?: unknown;
    }
  >;
}

/** The variables a person running the files sets (the files refuse to start without them). */
const COMPOSE_VARIABLES: Record<string, string> = { POSTGRES_PASSWORD: 'compose-test-password' };

/** An environment as Compose passes it on: `${NAME}`, `${NAME:-default}` and `${NAME:?error}` replaced. */
function interpolated(environment: Record<string, string> = {}): Record<string, string> {
  const substitute = (_: string, name: string, kind: string | undefined, text: string | undefined) => {
    const value = COMPOSE_VARIABLES[name];
    if (value !== undefined) return value;
    if (kind === '-') return text ?? '';
    throw new Error(`Compose would refuse to start: ${name} is not set (${text ?? ''})`);
  };
  return Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [
      name,
      value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, substitute),
    ]),
  );
}

const read = (file: string): ComposeFile =>
  parse(readFileSync(join(process.cwd(), 'docker', file), 'utf8'), { merge: true }) as ComposeFile;

describe('docker/ files', () => {
  const keys = join(mkdtempSync(join(tmpdir(), 'compose-')), 'keys.json');
  createKey(keys, 'compose-admin', 'admin');
  const checkpointKey = join(mkdtempSync(join(tmpdir(), 'compose-')), 'checkpoint-signing.key');
  writeFileSync(checkpointKey, generateSignerKey('registry.example.kz/compliance').text);

  it.each([
    ['docker-compose.yml', ['eventstore', 'api'], 1],
    ['docker-compose.cluster.yml', ['esdb1', 'esdb2', 'esdb3', 'api1', 'api2', 'proxy'], 3],
    ['docker-compose.postgres.yml', ['postgres', 'api'], 0],
    ['docker-compose.postgres-replicas.yml', ['postgres', 'api1', 'api2', 'proxy'], 0],
  ])('%s: services, health checks, and an API configuration the service accepts', (file, services, eventStoreNodes) => {
    const compose = read(file);
    expect(Object.keys(compose.services)).toEqual(services);
    const eventStores = Object.values(compose.services).filter((s) => s.image === 'eventstore/eventstore:24.10');
    expect(eventStores).toHaveLength(eventStoreNodes);
    eventStores.forEach((s) => expect(s.healthcheck).toBeDefined());
    const databases = Object.values(compose.services).filter((s) => s.image === 'postgres:17');
    expect(databases).toHaveLength(eventStoreNodes === 0 ? 1 : 0);
    databases.forEach((s) => expect(s.healthcheck).toBeDefined());
    const apis = Object.values(compose.services).filter((s) => s.build !== undefined);
    expect(apis.length).toBeGreaterThan(0);
    for (const api of apis) {
      expect(api.environment?.CHECKPOINT_SIGNING_KEY_FILE).toBe('/run/secrets/checkpoint-signing-key');
      const config = loadConfig({
        ...interpolated(api.environment),
        API_KEYS_FILE: keys,
        CHECKPOINT_SIGNING_KEY_FILE: checkpointKey,
        NODE_ENV: 'production',
        DATA_DIR: '/data',
      });
      expect(eventStoreKind(config)).toBe(eventStoreNodes === 0 ? 'postgres' : 'eventstoredb');
    }
  });

  it('the image runs as a non-root user with a health check', () => {
    const dockerfile = readFileSync(join(process.cwd(), 'docker', 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:24-slim AS build$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
  });
});
