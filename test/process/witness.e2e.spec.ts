import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkpointText,
  COSIGNATURE_V1,
  generateSignerKey,
  leafHash,
  parseNote,
  parseSignerKey,
  signNote,
} from '#transparency';
import { createKey } from '../../apps/compliance-api/src/access/api-keys.js';
import { CLI, cli } from './cli-process.js';
import { startService, waitUntilHealthy, type ServiceProcess } from './service-process.js';

/**
 * A witness run as an operator runs it (`npm run cli -- witness`) against the real service: it
 * cosigns each checkpoint it proves consistent with the last, the service serves the
 * cosignatures, and a log that shows it a different tree of a size it verified is refused.
 */
describe('a witness of the log', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'compliance-witness-'));
  const dataDir = join(scratch, 'data');
  const state = join(scratch, 'witness');
  const keysFile = join(scratch, 'keys.json');
  const key = createKey(keysFile, 'witness-auditor', 'auditor');
  const admin = createKey(keysFile, 'witness-admin', 'admin');
  const witness = generateSignerKey('witness.example.org/w1', COSIGNATURE_V1);
  let service: ServiceProcess;

  beforeAll(async () => {
    // the witness's key made ahead, so that the log can be started knowing it
    spawnSync('mkdir', ['-p', state]);
    writeFileSync(join(state, 'witness.key'), witness.text);
    service = await startService({
      DATA_DIR: dataDir,
      API_KEYS_FILE: keysFile,
      LOG_LEVEL: 'warn',
      WITNESS_KEYS: witness.verifier.text,
    });
    await waitUntilHealthy(service);
  }, 30_000);

  afterAll(async () => {
    service.child.kill('SIGTERM');
    await service.exited;
    rmSync(scratch, { recursive: true, force: true });
  });

  const register = async (bin: string) => {
    const reply = await fetch(`${service.baseUrl}/v1/entities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ bin, name: `Company ${bin}`, stateSharePercent: 100 }),
    });
    expect(reply.status).toBe(201);
    await fetch(`${service.baseUrl}/v1/transparency/checkpoints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
    });
  };
  const verifierKey = () => readFileSync(join(dataDir, 'checkpoint-signing.key'), 'utf8');
  const runWitness = () =>
    spawnSync(
      process.execPath,
      [
        CLI,
        'witness',
        '--log',
        service.baseUrl,
        '--verifier-key',
        parseSignerKey(verifierKey()).verifier.text,
        '--state',
        state,
      ],
      { env: { PATH: process.env.PATH ?? '', COMPLIANCE_API_KEY: key }, encoding: 'utf8', timeout: 60_000 },
    );
  const served = async () =>
    (
      await fetch(`${service.baseUrl}/v1/transparency/checkpoint`, { headers: { authorization: `Bearer ${key}` } })
    ).text();

  it('cosigns the checkpoints it proves consistent, which the log then serves', async () => {
    await register('081140000436');
    const first = runWitness();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^Cosigned localhost\/compliance-engine at 1 leaves/m);
    expect(parseNote(await served()).signatures.map((s) => s.name)).toEqual([
      'localhost/compliance-engine',
      'witness.example.org/w1',
    ]);

    await register('940740000911');
    const second = runWitness(); // proves 1 -> 2 with a consistency proof
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/^Cosigned localhost\/compliance-engine at 2 leaves/m);
  }, 30_000);

  it('refuses a log that signed another tree of a size it verified (a split view), and keeps what it had', async () => {
    // what the witness kept, replaced by a tree of the same size signed with the log's own key
    const logKey = parseSignerKey(verifierKey());
    const kept = join(state, 'checkpoint');
    const size = Number(parseNote(readFileSync(kept, 'utf8')).text.split('\n')[1]);
    const other = signNote(checkpointText({ origin: logKey.name, size, root: leafHash('another history') }), logKey);
    writeFileSync(kept, other);
    const run = runWitness();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`SPLIT VIEW: the log signed two different trees of ${size} leaves`);
    expect(readFileSync(kept, 'utf8')).toBe(other);
  }, 30_000);

  it("verifies an export against a kept checkpoint with no server: the whole log, or one entity's lines by their proofs", async () => {
    const note = await (
      await fetch(`${service.baseUrl}/v1/transparency/checkpoints`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}` },
      })
    ).text();
    const size = Number(parseNote(note).text.split('\n')[1]);
    const checkpoint = join(scratch, 'kept-checkpoint.txt');
    const vkey = join(scratch, 'log.vkey');
    writeFileSync(checkpoint, note);
    writeFileSync(vkey, parseSignerKey(verifierKey()).verifier.text);
    const exported = async (query: string) =>
      (
        await fetch(`${service.baseUrl}/v1/audit/export?${query}`, { headers: { authorization: `Bearer ${key}` } })
      ).text();
    const check = (file: string) =>
      cli(scratch, 'verify', '--file', file, '--checkpoint', checkpoint, '--verifier-key', vkey);

    const whole = join(scratch, 'whole.ndjson');
    writeFileSync(whole, await exported(''));
    expect(check(whole)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(
        `CONSISTENT with the checkpoint of localhost/compliance-engine at ${size} events`,
      ),
    });

    const entity = join(scratch, 'entity.ndjson');
    const lines = await exported(`bin=940740000911&treeSize=${size}`);
    writeFileSync(entity, lines);
    expect(check(entity).code).toBe(0);
    writeFileSync(entity, lines.replace('Company 940740000911', 'Company Forged'));
    const forged = check(entity);
    expect(forged.code).toBe(1);
    expect(forged.stdout).toMatch(
      /^ALTERED event \S+ of entity-940740000911 revision 0 is not leaf 1 of the checkpoint's tree/m,
    );
  }, 30_000);

  it('keys checkpoint makes a signing key once and prints its verifier key', () => {
    const file = join(scratch, 'signing.key');
    const made = cli(scratch, 'keys', 'checkpoint', '--origin', 'registry.example.kz/log', '--file', file);
    expect(made.code).toBe(0);
    expect(made.stdout.trim()).toBe(parseSignerKey(readFileSync(file, 'utf8')).verifier.text);
    expect(made.stdout).toMatch(/^registry\.example\.kz\/log\+[0-9a-f]{8}\+/);
    const again = cli(scratch, 'keys', 'checkpoint', '--origin', 'registry.example.kz/log', '--file', file);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('a signing key is never replaced');
  });
});
