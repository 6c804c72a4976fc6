import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKey } from '../../apps/compliance-api/src/access/api-keys.js';
import { startService, waitUntilHealthy } from './service-process.js';
import {
  callingWith,
  concurrentWritesAreContiguous,
  eachServesTheOthersWrites,
  retriesAreAnsweredByEitherProcess,
} from './shared-store-checks.js';

/**
 * Scale-out on one machine: two API processes on one event store file (WAL), each with its own
 * read models, each serving reads that include the other's writes.
 */
describe('two service processes sharing one embedded event store', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'compliance-two-'));
  const keysFile = join(scratch, 'keys.json');
  const key = createKey(keysFile, 'two-admin', 'admin');
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const call = callingWith(key);

  it("each serves the other's writes, and minPosition reads a write made on the other", async () => {
    const shared = { DATA_DIR: join(scratch, 'events'), API_KEYS_FILE: keysFile, LOG_LEVEL: 'warn' };
    const a = await startService({ ...shared, LOCAL_DIR: join(scratch, 'a') });
    const b = await startService({ ...shared, LOCAL_DIR: join(scratch, 'b') });
    try {
      await Promise.all([waitUntilHealthy(a), waitUntilHealthy(b)]);

      await eachServesTheOthersWrites(a, b, call, '081140000436');
      await concurrentWritesAreContiguous(a, b, call, '081140000436', 2);
      expect(
        (await call(a, 'POST', '/v1/entities', { bin: '940740000911', name: 'B', stateSharePercent: 1 })).status,
      ).toBe(201);
      await retriesAreAnsweredByEitherProcess(a, b, key, '081140000436', '940740000911');
    } finally {
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
      await Promise.all([a.exited, b.exited]);
    }
  }, 60_000);
});
