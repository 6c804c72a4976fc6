import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  COSIGNATURE_V1,
  cosignatureLine,
  eventLeafHash,
  generateSignerKey,
  openCheckpoint,
  parseNote,
  parseVerifierKey,
  verifyConsistency,
  verifyInclusion,
  type Checkpoint,
} from '#transparency';
import { aBin, TestApp } from './support/test-app.js';

const hashes = (list: string[]) => list.map((h) => Buffer.from(h, 'base64'));

describe('the transparency log over HTTP', () => {
  const witness = generateSignerKey('witness.example.org/w1', COSIGNATURE_V1);
  let api: TestApp;
  let bin: string;

  beforeAll(async () => {
    api = await TestApp.start(undefined, { env: { WITNESS_KEYS: witness.verifier.text } });
    bin = aBin();
    expect((await api.post('/v1/entities', { bin, name: 'Transparent JSC', stateSharePercent: 100 })).status).toBe(201);
  });

  afterAll(async () => {
    await api.stop();
  });

  const checkpointNow = async (): Promise<{ note: string; checkpoint: Checkpoint }> => {
    const reply = await api.request('POST', '/v1/transparency/checkpoints');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/plain/);
    const key = parseVerifierKey((await api.request('GET', '/v1/transparency/verifier-key')).body);
    return { note: reply.body, checkpoint: openCheckpoint(reply.body, key) };
  };

  it('signs checkpoints on demand that prove, with inclusion and consistency proofs, every event in the log', async () => {
    const first = await checkpointNow();
    expect(first.checkpoint.origin).toBe('localhost/compliance-engine');
    await api.post(`/v1/entities/${bin}/trainings`, { completedOn: '2025-02-01', participants: 5, staffTotal: 10 });
    const second = await checkpointNow();
    expect(second.checkpoint.size).toBe(first.checkpoint.size + 1);

    const [registered, trained] = await api.events(bin);
    for (const event of [registered, trained]) {
      const reply = await api.request(
        'GET',
        `/v1/transparency/inclusion?eventId=${event.eventId}&treeSize=${second.checkpoint.size}`,
      );
      expect(reply.status).toBe(200);
      const { leafIndex, treeSize, hashes: proof } = reply.body;
      expect(treeSize).toBe(second.checkpoint.size);
      expect(verifyInclusion(leafIndex, treeSize, eventLeafHash(event), hashes(proof), second.checkpoint.root)).toBe(
        true,
      );
    }
    const consistency = await api.request(
      'GET',
      `/v1/transparency/consistency?from=${first.checkpoint.size}&to=${second.checkpoint.size}`,
    );
    expect(consistency.status).toBe(200);
    expect(
      verifyConsistency(
        first.checkpoint.size,
        second.checkpoint.size,
        hashes(consistency.body.hashes),
        first.checkpoint.root,
        second.checkpoint.root,
      ),
    ).toBe(true);
    // every checkpoint is kept; the latest is served; any key may read them
    const past = await api.request('GET', `/v1/transparency/checkpoints/${first.checkpoint.size}`, undefined, {
      authorization: `Bearer ${api.keys.registry}`,
    });
    expect(past.body).toBe(first.note);
    expect((await api.request('GET', '/v1/transparency/checkpoint')).body).toBe(second.note);
  });

  it('keeps the cosignature of a configured witness and serves it on the checkpoint; refuses others', async () => {
    const { note } = await checkpointNow();
    const text = parseNote(note).text;
    const cosigned = note + cosignatureLine(text, witness, BigInt(Math.floor(Date.now() / 1000)));
    const kept = await api.request('POST', '/v1/transparency/cosignatures', cosigned, {
      'content-type': 'text/plain',
      authorization: `Bearer ${api.keys.auditor}`,
    });
    expect(kept.status).toBe(200);
    expect(kept.body.witnesses).toEqual(['witness.example.org/w1']);
    expect((await api.request('GET', '/v1/transparency/checkpoint')).body).toBe(cosigned);

    const stranger = generateSignerKey('stranger.example/w', COSIGNATURE_V1);
    const refused = await api.request(
      'POST',
      '/v1/transparency/cosignatures',
      note + cosignatureLine(text, stranger, 1n),
      {
        'content-type': 'text/plain',
      },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.type).toBe('urn:compliance-engine:problem:cosignature-refused');
  });

  it('states the size of the log each answer rests on, and exports events with their leaves and proofs', async () => {
    const written = await api.post(`/v1/entities/${bin}/trainings`, {
      completedOn: '2025-03-01',
      participants: 6,
      staffTotal: 10,
    });
    const { checkpoint } = await checkpointNow();
    const events = await api.events(bin);
    const last = events[events.length - 1];
    const leaf = (await api.request('GET', `/v1/transparency/inclusion?eventId=${last.eventId}`)).body.leafIndex;
    const score = await api.request('GET', `/v1/entities/${bin}/score`);
    expect(score.body.logSize).toBe(leaf + 1);
    const minPosition = `minPosition=${written.body.position}`;
    const view = await api.request('GET', `/v1/register/${bin}?${minPosition}`);
    expect(view.body.logSize).toBeGreaterThanOrEqual(leaf + 1);
    const history = await api.request('GET', `/v1/entities/${bin}/score-history?${minPosition}`);
    expect(history.body.logSize).toBeGreaterThanOrEqual(leaf + 1);

    const whole = await api.request('GET', `/v1/audit/export?treeSize=${checkpoint.size}`);
    expect(whole.headers['log-size']).toBe(String(checkpoint.size));
    const lines = (whole.body as string)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.leafIndex)).toEqual([...Array(checkpoint.size).keys()]);

    const own = await api.request('GET', `/v1/audit/export?bin=${bin}&treeSize=${checkpoint.size}`);
    const proved = (own.body as string)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(proved).toHaveLength(events.length);
    for (const line of proved) {
      const proof = hashes(line.inclusionProof);
      expect(verifyInclusion(line.leafIndex, line.treeSize, eventLeafHash(line), proof, checkpoint.root)).toBe(true);
    }
  });

  it('answers bad proof requests with a problem naming the field', async () => {
    const { checkpoint } = await checkpointNow();
    const beyond = await api.request('GET', `/v1/transparency/consistency?from=1&to=${checkpoint.size + 5}`);
    expect(beyond.status).toBe(400);
    expect(beyond.body.errors).toEqual([{ field: 'to', message: expect.stringMatching(/at most the tree's size/) }]);
    const backwards = await api.request('GET', `/v1/transparency/consistency?from=2&to=1`);
    expect(backwards.body.errors[0].field).toBe('from');
    const unknown = await api.request('GET', '/v1/transparency/inclusion?eventId=0190e0c0-0000-7000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toBe('urn:compliance-engine:problem:event-not-in-tree');
    const notKept = await api.request('GET', `/v1/transparency/checkpoints/${checkpoint.size + 100}`);
    expect(notKept.status).toBe(404);
    const noKey = await api.request('GET', '/v1/transparency/checkpoint', undefined, { authorization: '' });
    expect(noKey.status).toBe(401);
  });
});
