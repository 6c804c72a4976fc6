import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COSIGNATURE_V1, cosignatureLine, generateSignerKey, leafBytes, parseNote } from '#transparency';
import { aBin, TestApp } from '../../apps/compliance-api/test/support/test-app.js';

/**
 * Interoperability with an independent implementation: a small Go program (go-verifier/) checks
 * the service's checkpoints with golang.org/x/mod/sumdb/note, recomputes the tree from the
 * exported leaves and checks the inclusion and consistency proofs with golang.org/x/mod/sumdb/tlog,
 * and checks a witness's cosignature by the C2SP text. Built offline from Debian's golang-go and
 * golang-golang-x-mod-dev (GOPATH mode over /usr/share/gocode, no module proxy).
 */
const GOPATH = '/usr/share/gocode';
const scratch = mkdtempSync(join(tmpdir(), 'go-interop-'));
const goEnv = {
  PATH: process.env.PATH ?? '',
  HOME: scratch,
  GO111MODULE: 'off',
  GOPATH,
  GOCACHE: join(scratch, 'cache'),
  GOPROXY: 'off',
  GOFLAGS: '',
  GOTOOLCHAIN: 'local',
};
const go = spawnSync('go', ['version'], { env: goEnv, encoding: 'utf8' });
const missing =
  go.error !== undefined || go.status !== 0
    ? 'go is not installed (apt-get install golang-go golang-golang-x-mod-dev)'
    : spawnSync('test', ['-d', join(GOPATH, 'src/golang.org/x/mod/sumdb/tlog')]).status !== 0
      ? `golang.org/x/mod is not in ${GOPATH} (apt-get install golang-golang-x-mod-dev)`
      : undefined;

if (missing !== undefined) {
  process.stderr.write(`Go interoperability test skipped: ${missing}\n`);
  describe.skip(`the transparency log verified by Go's sumdb/note and sumdb/tlog: skipped, ${missing}`, () => {
    it('needs Go', () => undefined);
  });
} else {
  describe(`the transparency log verified by Go's sumdb/note and sumdb/tlog (${go.stdout.trim()})`, () => {
    const witness = generateSignerKey('witness.example.org/go', COSIGNATURE_V1);
    let api: TestApp;
    const binary = join(scratch, 'go-verifier');

    beforeAll(async () => {
      const build = spawnSync('go', ['build', '-o', binary, '.'], {
        cwd: join(process.cwd(), 'test/interop/go-verifier'),
        env: goEnv,
        encoding: 'utf8',
      });
      expect(build.stderr).toBe('');
      api = await TestApp.start(undefined, { env: { WITNESS_KEYS: witness.verifier.text } });
    });

    afterAll(async () => {
      await api.stop();
      rmSync(scratch, { recursive: true, force: true });
    });

    const verify = (fixture: object) => {
      const file = join(scratch, `fixture-${Math.random()}.json`);
      writeFileSync(file, JSON.stringify(fixture));
      return spawnSync(binary, [file], { encoding: 'utf8' });
    };

    it('verifies our signed checkpoints, our tree, our proofs and a cosignature, and refuses them altered', async () => {
      const bins = [aBin(), aBin(), aBin()];
      for (const [i, bin] of bins.entries()) {
        expect((await api.post('/v1/entities', { bin, name: `Go ${i} JSC`, stateSharePercent: 100 })).status).toBe(201);
      }
      const old = (await api.request('POST', '/v1/transparency/checkpoints')).body as string;
      for (const [i, bin] of [...bins, ...bins].entries()) {
        const body = { completedOn: '2025-02-01', participants: i + 1, staffTotal: 10 };
        expect((await api.post(`/v1/entities/${bin}/trainings`, body)).status).toBe(201);
      }
      const latest = (await api.request('POST', '/v1/transparency/checkpoints')).body as string;
      const text = parseNote(latest).text;
      const cosigned = latest + cosignatureLine(text, witness, BigInt(Math.floor(Date.now() / 1000)));
      const [oldSize, size] = [old, latest].map((note) => Number(parseNote(note).text.split('\n')[1]));

      const exported = (await api.request('GET', `/v1/audit/export?treeSize=${size}`)).body as string;
      const lines = exported
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      const inclusion = await Promise.all(
        lines.map(async (line) => {
          const reply = await api.request('GET', `/v1/transparency/inclusion?eventId=${line.eventId}&treeSize=${size}`);
          return reply.body;
        }),
      );
      const consistency = (await api.request('GET', `/v1/transparency/consistency?from=${oldSize}&to=${size}`)).body;
      const fixture = {
        verifierKey: (await api.request('GET', '/v1/transparency/verifier-key')).body,
        witnessKey: witness.verifier.text,
        checkpoints: [old, cosigned],
        leaves: lines.map((line) => Buffer.from(leafBytes(line)).toString('base64')),
        inclusion,
        consistency: { from: oldSize, to: size, hashes: consistency.hashes },
      };

      const run = verify(fixture);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`ok tlog.CheckTree ${oldSize} -> ${size}`);
      expect(run.stdout).toContain(`1 cosignature(s) verified`);
      expect(run.stdout.match(/^ok tlog\.CheckRecord/gm)).toHaveLength(lines.length);

      // and Go refuses what is not ours, or not as signed
      const altered = [...fixture.leaves];
      altered[1] = Buffer.from(leafBytes({ ...lines[1], data: { ...lines[1].data, name: 'Forged' } })).toString(
        'base64',
      );
      expect(verify({ ...fixture, leaves: altered }).stderr).toMatch(/tlog\.TreeHash of the first/);
      expect(
        verify({ ...fixture, checkpoints: [old, cosigned.replace(`\n${size}\n`, `\n${size + 1}\n`)] }).stderr,
      ).toMatch(/note\.Open: invalid signature/);
      const badProof = { ...consistency, hashes: [...consistency.hashes].reverse() };
      expect(verify({ ...fixture, consistency: { from: oldSize, to: size, hashes: badProof.hashes } }).stderr).toMatch(
        /tlog\.CheckTree/,
      );
    });
  });
}
