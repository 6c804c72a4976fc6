import { expect } from '@jest/globals';
import type { ServiceProcess } from './service-process.js';

/**
 * What two service processes sharing one event store must show, whichever store it is: each
 * serves the other's writes (minPosition bridges the gap, the position being global), and
 * concurrent writes through both to one entity end at contiguous revisions, none lost.
 */
export type Call = (service: ServiceProcess, method: string, path: string, body?: object) => Promise<Response>;

/** Calls a service with `key`, sending `body` as JSON. */
export function callingWith(key: string): Call {
  return (service, method, path, body) =>
    fetch(`${service.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

export async function eachServesTheOthersWrites(a: ServiceProcess, b: ServiceProcess, call: Call, bin: string) {
  const onA = await call(a, 'POST', '/v1/entities', { bin, name: 'Written on A', stateSharePercent: 100 });
  expect(onA.status).toBe(201);
  const { position: fromA } = (await onA.json()) as { position: string };
  const readOnB = await call(b, 'GET', `/v1/register/${bin}?minPosition=${fromA}`);
  expect(readOnB.status).toBe(200);
  expect(await readOnB.json()).toMatchObject({ name: 'Written on A' });

  const onB = await call(b, 'POST', `/v1/entities/${bin}/compliance-service`, {
    officerIin: '860311300524',
    establishedOn: '2024-01-01',
  });
  expect(onB.status).toBe(201);
  const { position: fromB, revision } = (await onB.json()) as { position: string; revision: number };
  const profileOnA = await call(a, 'GET', `/v1/entities/${bin}?minPosition=${fromB}`);
  expect(await profileOnA.json()).toMatchObject({ revision, complianceService: { officerIin: '860311300524' } });
}

/** `writes` trainings through both processes at once, to an entity holding `before` events. */
export async function concurrentWritesAreContiguous(
  a: ServiceProcess,
  b: ServiceProcess,
  call: Call,
  bin: string,
  before: number,
  writes = 20,
) {
  const answers = await Promise.all(
    Array.from({ length: writes }, (_, i) =>
      call(i % 2 === 0 ? a : b, 'POST', `/v1/entities/${bin}/trainings`, {
        completedOn: '2025-01-01',
        participants: i + 1,
        staffTotal: 100,
      }),
    ),
  );
  expect(answers.map((w) => w.status)).toEqual(Array(writes).fill(201));
  const history = (await (await call(b, 'GET', `/v1/entities/${bin}/events?limit=1000`)).json()) as {
    events: { revision: number }[];
  };
  expect(history.events.map((e) => e.revision)).toEqual(Array.from({ length: before + writes }, (_, i) => i));
}

/**
 * A write with an Idempotency-Key, retried through the other process: the same request is
 * answered with the original result and recorded once, another body under the key is 422, and
 * so is the key sent for another entity. The key lives in the shared log, not in a process.
 */
export async function retriesAreAnsweredByEitherProcess(
  a: ServiceProcess,
  b: ServiceProcess,
  key: string,
  bin: string,
  otherBin: string,
) {
  const send = (service: ServiceProcess, to: string, participants: number) =>
    fetch(`${service.baseUrl}/v1/entities/${to}/trainings`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        'idempotency-key': `retried-${bin}`,
      },
      body: JSON.stringify({ completedOn: '2025-02-02', participants, staffTotal: 100 }),
    });
  const first = await send(a, bin, 7);
  expect(first.status).toBe(201);
  const original = (await first.json()) as { eventId: string };

  const retry = await send(b, bin, 7);
  const otherBody = await send(b, bin, 8);
  const otherEntity = await send(b, otherBin, 7);

  expect(retry.status).toBe(201);
  expect(retry.headers.get('idempotent-replayed')).toBe('true');
  expect(await retry.json()).toEqual(original);
  expect(otherBody.status).toBe(422);
  expect(otherEntity.status).toBe(422);
  const events = (await (
    await fetch(`${b.baseUrl}/v1/entities/${bin}/events?limit=1000`, { headers: { authorization: `Bearer ${key}` } })
  ).json()) as { events: { eventId: string; data: { completedOn?: string } }[] };
  // the day only these requests name: recorded once, by the first
  const recorded = events.events.filter((e) => e.data.completedOn === '2025-02-02');
  expect(recorded.map((e) => e.eventId)).toEqual([original.eventId]);
}
