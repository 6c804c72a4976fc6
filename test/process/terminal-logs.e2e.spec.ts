import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, MAIN, waitUntilHealthy, type ServiceProcess } from './service-process.js';

/**
 * Logs for a person on a terminal, JSON lines for everything else. The other process tests read
 * the JSON from a pipe; this one starts the service on a pseudo-terminal (util-linux `script`), as
 * `npm start` in a shell does, where no pipe tells it a machine is reading.
 */
const hasScript = spawnSync('script', ['--version']).status === 0;

(hasScript ? describe : describe.skip)(
  `the service's logs on a terminal${hasScript ? '' : ': skipped, no util-linux script to make a pseudo-terminal'}`,
  () => {
    const scratch = mkdtempSync(join(tmpdir(), 'compliance-terminal-'));
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    it('are pretty-printed lines, not JSON', async () => {
      const port = await freePort();
      const child = spawn('script', ['-qfec', `"${process.execPath}" "${MAIN}"`, '/dev/null'], {
        env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: scratch, TERM: 'dumb' },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true, // its own process group: the service under `script` is stopped with it
      });
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.once('exit', (code, signal) => resolve({ code, signal })),
      );
      const service: ServiceProcess = { child, baseUrl: `http://127.0.0.1:${port}`, output: () => output, exited };
      try {
        await waitUntilHealthy(service);
        while (!/Listening on/.test(output)) await new Promise((resolve) => setTimeout(resolve, 20));
      } finally {
        process.kill(-child.pid!, 'SIGTERM');
        await exited;
      }

      const plain = output.replace(/\x1b\[[0-9;]*m/g, ''); // without the colours
      expect(plain).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: .*Listening on http:\/\/127\.0\.0\.1:\d+/m);
      expect(plain).not.toMatch(/^\{"level"/m);
    });
  },
);
