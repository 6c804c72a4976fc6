import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aBin, IIN, TestApp, type Reply } from './support/test-app.js';

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** Input the API must refuse with a 400 naming the field (409 for a parent cycle), writing nothing. */
describe('stricter input', () => {
  let api: TestApp;
  const bin = aBin();
  beforeAll(async () => {
    api = await TestApp.start();
    expect((await api.post('/v1/entities', { bin, name: 'Strict JSC', stateSharePercent: 100 })).status).toBe(201);
  });
  afterAll(() => api.stop());

  const refused = async (reply: Promise<Reply>, fields: string[], status = 400) => {
    const before = (await api.events(bin)).length;
    const answer = await reply;
    expect({
      status: answer.status,
      fields: (answer.body.errors ?? []).map((e: { field: string }) => e.field).sort(),
    }).toEqual({
      status,
      fields: [...fields].sort(),
    });
    expect(await api.events(bin)).toHaveLength(before);
    return answer;
  };
  const training = { completedOn: day(-10), participants: 1, staffTotal: 2 };

  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'prototype', '__defineGetter__'])(
    'refuses a body or query key named like an inherited property: %s',
    async (key) => {
      await refused(
        api.request('POST', `/v1/entities/${bin}/trainings`, `{"${key}":"x",${JSON.stringify(training).slice(1)}`),
        [key],
      );
      await refused(api.request('GET', `/v1/register?${key}=1`), [key]);
    },
  );

  it('refuses business dates of facts more than a day ahead, and expiries more than 10 years after issue', async () => {
    await refused(api.post(`/v1/entities/${bin}/trainings`, { ...training, completedOn: day(3) }), ['completedOn']);
    await refused(
      api.post(`/v1/entities/${bin}/gift-ban-violations`, {
        personIin: IIN,
        description: 'd',
        occurredOn: '9999-12-31',
      }),
      ['occurredOn'],
    );
    const certificate = {
      certificateId: 'c-long',
      certificateNumber: 'N',
      standard: 'ISO_37001',
      certificationBody: 'B',
      issuedOn: day(-1),
      expiresOn: `${new Date().getUTCFullYear() + 11}-01-01`,
    };
    await refused(api.post(`/v1/entities/${bin}/certificates`, certificate), ['expiresOn']);
    expect((await api.post(`/v1/entities/${bin}/trainings`, { ...training, completedOn: day(1) })).status).toBe(201); // a day's slack
  });

  it.each([
    ['no visible character', '\u200b\u200b'],
    ['a NUL', 'Head\u0000Person'],
    ['a BEL', 'Head\u0007Person'],
    ['a right-to-left override', 'Head \u202ePerson'],
  ])('refuses names, positions and descriptions with %s', async (_, text) => {
    await refused(
      api.post(`/v1/entities/${bin}/heads`, { iin: IIN, fullName: text, position: text, appointedOn: day(-5) }),
      ['fullName', 'position'],
    );
    await refused(
      api.post(`/v1/entities/${bin}/gift-ban-violations`, { personIin: IIN, description: text, occurredOn: day(-5) }),
      ['description'],
    );
  });

  it('keeps line breaks in long text, and refuses limits not written in plain digits and a cursor beyond the log', async () => {
    const described = await api.post(`/v1/entities/${bin}/gift-ban-violations`, {
      personIin: IIN,
      description: 'first line\nsecond line',
      occurredOn: day(-5),
    });
    expect(described.status).toBe(201);
    for (const limit of ['0x10', '%205', '1e2', '5.0', '-1']) {
      expect((await api.request('GET', `/v1/register?limit=${limit}`)).body.errors).toEqual([
        expect.objectContaining({ field: 'limit' }),
      ]);
    }
    expect((await api.request('GET', '/v1/register?limit=5')).status).toBe(200);
    const beyond = await api.request('GET', '/v1/register/changes?after=99999999999999999999');
    expect(beyond).toMatchObject({ status: 400, body: { errors: [{ field: 'after' }] } });
  });

  it('refuses a parent that would make a cycle of holdings, at any depth', async () => {
    const [a, b, c] = [aBin(), aBin(), aBin()];
    await api.post('/v1/entities', { bin: a, name: 'A', stateSharePercent: 100 });
    await api.post('/v1/entities', { bin: b, name: 'B', stateSharePercent: 100, parentBin: a });
    await api.post('/v1/entities', { bin: c, name: 'C', stateSharePercent: 100, parentBin: b });

    const cycle = await api.send('PATCH', `/v1/entities/${a}`, { parentBin: c, changedOn: day(-1) });
    expect(cycle).toMatchObject({ status: 409, body: { type: 'urn:compliance-engine:problem:parent-cycle' } });
    expect((await api.send('PATCH', `/v1/entities/${a}`, { parentBin: b, changedOn: day(-1) })).status).toBe(409);
    expect((await api.send('PATCH', `/v1/entities/${c}`, { parentBin: a, changedOn: day(-1) })).status).toBe(201);
    expect(await api.events(a)).toHaveLength(1);
  });
});
