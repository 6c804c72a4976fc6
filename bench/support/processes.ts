import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The service, as built by `npm run build`. */
export const SERVICE_MAIN = join(process.cwd(), 'dist/apps/compliance-api/src/main.js');

export interface Served {
  readonly child: ChildProcess;
  readonly url: string;
  /** From spawning the process to its first healthy answer. */
  readonly startupSeconds: number;
}

/**
 * Starts a Node program listening on 127.0.0.1:`port` (PORT and HOST in its environment) and
 * waits until `GET /health` answers. The benchmark and the server share the 2-core machine,
 * as PRODUCT.md section 9 says they do.
 */
export async function serve(
  script: string,
  port: number,
  env: Record<string, string>,
  nodeOptions: readonly string[] = [],
): Promise<Served> {
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeOptions, script], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before answering /health`))),
  );
  const url = `http://127.0.0.1:${port}`;
  await Promise.race([untilHealthy(url), exited]);
  return { child, url, startupSeconds: (performance.now() - started) / 1000 };
}

async function untilHealthy(url: string): Promise<void> {
  for (;;) {
    const ok = await fetch(`${url}/health`).then(
      (reply) => reply.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function stop({ child }: Served): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function residentMegabytes({ child }: Served): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kilobytes = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
  return kilobytes / 1024;
}

/** A port free now on the loopback interface, as the system assigns one (the service tests' own). */
export { freePort } from '../../test/process/service-process.js';
