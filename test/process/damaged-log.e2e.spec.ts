import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createKey } from '../../apps/compliance-api/src/access/api-keys.js';
import { cli } from './cli-process.js';
import { startService, waitUntilHealthy, type ServiceProcess } from './service-process.js';

const DAMAGED = '081140000436';
const INTACT = '940740000911';

/**
 * What an insider or a broken disk can do to the files, tried on the real service: one entity's
 * damaged stream must stop nothing but that entity, and altered read models must not pass a
 * check.
 */
describe('a damaged log and altered read models, found and named', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'compliance-damaged-'));
  const keysFile = join(scratch, 'keys.json');
  const key = createKey(keysFile, 'damage-admin', 'admin');
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const call = async (service: ServiceProcess, method: string, path: string, body?: object) => {
    const reply = await fetch(`${service.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: reply.status, body: (await reply.json()) as Record<string, unknown> & { position?: string } };
  };
  const training = (participants: number) => ({ completedOn: '2025-11-11', participants, staffTotal: 100 });
  const start = async (dataDir: string) => {
    const service = await startService({ DATA_DIR: dataDir, API_KEYS_FILE: keysFile, LOG_LEVEL: 'warn' });
    await waitUntilHealthy(service);
    return service;
  };
  const stop = async (service: ServiceProcess) => {
    service.child.kill('SIGTERM');
    await service.exited;
  };

  it('one entity whose last event vanished from the log is set aside; every other entity is still projected and served', async () => {
    const dataDir = join(scratch, 'vanished');
    const first = await start(dataDir);
    for (const bin of [DAMAGED, INTACT]) {
      expect(
        (await call(first, 'POST', '/v1/entities', { bin, name: `Company ${bin}`, stateSharePercent: 100 })).status,
      ).toBe(201);
      for (let n = 1; n <= 3; n++)
        expect((await call(first, 'POST', `/v1/entities/${bin}/trainings`, training(n))).status).toBe(201);
    }
    await stop(first);
    const raw = new DatabaseSync(join(dataDir, 'events.db'));
    raw.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 3').run(`entity-${DAMAGED}`);
    raw.close();

    const second = await start(dataDir);
    try {
      // the store cannot tell: the next write takes the vanished revision, and its chain is intact
      const reused = await call(second, 'POST', `/v1/entities/${DAMAGED}/trainings`, training(9));
      expect(reused.status).toBe(201);
      const intact = await call(second, 'POST', `/v1/entities/${INTACT}/trainings`, training(9));
      expect(intact.status).toBe(201);
      const read = await call(second, 'GET', `/v1/register/${INTACT}?minPosition=${intact.body.position}`);
      expect(read.status).toBe(200); // projected past the damaged entity's event

      expect(await call(second, 'GET', `/v1/entities/${DAMAGED}/integrity`)).toMatchObject({
        status: 200,
        body: { valid: false, firstBrokenRevision: null, problems: [{ code: 'revision-reused', revision: 3 }] },
      });
      expect(await call(second, 'GET', `/v1/register/${DAMAGED}`)).toMatchObject({
        status: 503,
        body: { type: 'urn:compliance-engine:problem:entity-quarantined' },
      });
      expect((await call(second, 'POST', `/v1/entities/${DAMAGED}/trainings`, training(10))).status).toBe(503);
      expect((await call(second, 'POST', '/v1/register/lookup', { bins: [DAMAGED, INTACT] })).body).toMatchObject([
        { bin: DAMAGED, found: true, withheld: 'entity-quarantined' },
        { bin: INTACT, name: `Company ${INTACT}` },
      ]);
      const health = await fetch(`${second.baseUrl}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ info: { readModels: { quarantinedEntities: 1 } } });

      const moreIntact = await call(second, 'POST', `/v1/entities/${INTACT}/trainings`, training(11));
      const profile = await call(second, 'GET', `/v1/entities/${INTACT}?minPosition=${moreIntact.body.position}`);
      expect(profile).toMatchObject({ status: 200, body: { revision: 5 } });
      expect(second.output()).toContain(`Entity ${DAMAGED} set aside (revision-reused at revision 3`);
    } finally {
      await stop(second);
    }

    const verified = cli(dataDir, 'verify');
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain(`SET ASIDE entity-${DAMAGED} at revision 3 (revision-reused`);
    expect(verified.stdout).toContain('2 streams, 10 events checked, 0 broken, 1 set aside by the read models');
  }, 60_000);

  it('read models edited by hand are found out by verify --read-models, each difference named', async () => {
    const dataDir = join(scratch, 'edited');
    const service = await start(dataDir);
    let last = '';
    try {
      for (const bin of [DAMAGED, INTACT]) {
        await call(service, 'POST', '/v1/entities', { bin, name: `Company ${bin}`, stateSharePercent: 100 });
        last = (
          await call(service, 'POST', `/v1/entities/${bin}/gift-ban-violations`, {
            personIin: '860311300524',
            description: 'kept a gift',
            occurredOn: '2025-01-01',
          })
        ).body.position as string;
      }
      // the list waits until the ratings are stored, not only the events
      expect((await call(service, 'GET', `/v1/register?minPosition=${last}`)).body).toMatchObject({
        items: [{ bin: DAMAGED }, { bin: INTACT, score: 40 }],
      });
    } finally {
      await stop(service);
    }
    const clean = cli(dataDir, 'verify', '--read-models');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/read models: \d+ rows up to position \d+ derived again, 0 differences/);

    const readModels = new DatabaseSync(join(dataDir, 'read-models.db'));
    readModels.exec(`UPDATE ratings SET score = 95, grade = 'A',
                       view = replace(view, '"score":40,"grade":"D"', '"score":95,"grade":"A"') WHERE bin = '${INTACT}';
                     DELETE FROM entity_events WHERE bin = '${INTACT}' AND type = 'GiftBanViolationRecorded';`);
    readModels.close();

    const altered = await start(dataDir);
    try {
      // the service serves what the file says: that is why the file must be checked
      expect((await call(altered, 'GET', `/v1/register/${INTACT}`)).body).toMatchObject({ rating: { score: 95 } });
    } finally {
      await stop(altered);
    }
    const checked = cli(dataDir, 'verify', '--read-models');
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain(`DIFFERENT ratings ${INTACT}.score: the log derives 40, the file holds 95`);
    expect(checked.stdout).toContain(`DIFFERENT ratings ${INTACT}.view`);
    expect(checked.stdout).toContain(`DIFFERENT entity_events ${INTACT}@1: the log derives [`);
    expect(checked.stdout).toMatch(/read models: \d+ rows up to position \d+ derived again, 4 differences/);
  }, 60_000);
});
