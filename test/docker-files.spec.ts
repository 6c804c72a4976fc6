import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createKey } from '../apps/compliance-api/src/access/api-keys.js';
import { loadConfig } from '../apps/compliance-api/src/config/app-config.js';

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

const read = (file: string): ComposeFile =>
  parse(readFileSync(join(process.cwd(), 'docker', file), 'utf8'), { merge: true }) as ComposeFile;

describe('docker/ files', () => {
  const keys = join(mkdtempSync(join(tmpdir(), 'compose-')), 'keys.json');
  createKey(keys, 'compose-admin', 'admin');

  it.each([
    ['docker-compose.yml', ['eventstore', 'api'], 1],
    ['docker-compose.cluster.yml', ['esdb1', 'esdb2', 'esdb3', 'api1', 'api2', 'proxy'], 3],
  ])('%s: services, health checks, and an API configuration the service accepts', (file, services, eventStoreNodes) => {
    const compose = read(file);
    expect(Object.keys(compose.services)).toEqual(services);
    const eventStores = Object.values(compose.services).filter((s) => s.image === 'eventstore/eventstore:24.10');
    expect(eventStores).toHaveLength(eventStoreNodes);
    eventStores.forEach((s) => expect(s.healthcheck).toBeDefined());
    const apis = Object.values(compose.services).filter((s) => s.build !== undefined);
    expect(apis.length).toBeGreaterThan(0);
    for (const api of apis) {
      const config = loadConfig({ ...api.environment, API_KEYS_FILE: keys, NODE_ENV: 'production', DATA_DIR: '/data' });
      expect(config.eventStoreConnectionString).toMatch(/^esdb:\/\//);
    }
  });

  it('the image runs as a non-root user with a health check', () => {
    const dockerfile = readFileSync(join(process.cwd(), 'docker', 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:24-slim AS build$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
  });
});
