import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService, waitUntilHealthy } from './service-process.js';

describe('the service as a real process', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'compliance-process-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('starts on the embedded store, answers /health over HTTP, and shuts down cleanly on SIGTERM', async () => {
    const dataDir = join(scratch, 'data');
    const service = await startService({ DATA_DIR: dataDir });
    await waitUntilHealthy(service);

    const health = await fetch(`${service.baseUrl}/health`);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    expect(existsSync(join(dataDir, 'events.db'))).toBe(true);

    service.child.kill('SIGTERM');
    const { code } = await service.exited;

    expect(code).toBe(0);
    expect(service.output()).toMatch(/"msg":"Shut down cleanly"/);
    // SQLite removes the write-ahead log when the last connection closes cleanly
    expect(existsSync(join(dataDir, 'events.db-wal'))).toBe(false);
  });

  it('documents every write endpoint and its request schema in /docs-json', async () => {
    const service = await startService({ DATA_DIR: join(scratch, 'docs') });
    await waitUntilHealthy(service);
    const document = (await (await fetch(`${service.baseUrl}/docs-json`)).json()) as {
      paths: Record<string, { post?: { requestBody?: unknown }; patch?: { requestBody?: unknown } }>;
      components: { schemas: Record<string, { required?: string[]; properties: Record<string, { enum?: string[] }> }> };
    };
    service.child.kill('SIGTERM');
    await service.exited;

    const writes = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/v1/entities'))
      .flatMap(([, item]) => [item.post, item.patch].filter((operation) => operation !== undefined));
    expect(writes).toHaveLength(26); // the facts of PRODUCT.md section 7, a retraction and a correction
    expect(writes.every((operation) => operation.requestBody !== undefined)).toBe(true);
    expect(document.components.schemas.IssueCertificateRequest.required).toEqual([
      'certificateId',
      'certificateNumber',
      'standard',
      'certificationBody',
      'issuedOn',
      'expiresOn',
    ]);
    expect(document.components.schemas.IssueCertificateRequest.properties.standard.enum).toEqual([
      'ISO_37001',
      'ST_RK_3049',
    ]);
  });

  it('logs each request as structured JSON, with no key and no IIN in full', async () => {
    const service = await startService({ DATA_DIR: join(scratch, 'logs') });
    await waitUntilHealthy(service);
    await fetch(`${service.baseUrl}/health`, { headers: { authorization: 'Bearer secret-key-material' } });
    await fetch(`${service.baseUrl}/v1/entities/081140000436/heads/860311300524/dismissal`, {
      method: 'POST',
      headers: { authorization: 'Bearer another-secret', 'content-type': 'application/json' },
      body: JSON.stringify({ dismissedOn: '2025-01-01' }),
    });
    service.child.kill('SIGTERM');
    await service.exited;

    const requestLogs = service
      .output()
      .split('\n')
      .filter((line) => line.includes('"req":'))
      .map((line) => JSON.parse(line) as { req: { url: string }; res: { statusCode: number } });
    expect(requestLogs.map((log) => [log.req.url, log.res.statusCode])).toEqual(
      expect.arrayContaining([
        ['/health', 200],
        ['/v1/entities/081140000436/heads/860311******/dismissal', 401],
      ]),
    );
    expect(service.output()).not.toContain('secret-key-material');
    expect(service.output()).not.toContain('another-secret');
    expect(service.output()).not.toContain('860311300524');
  });

  it('refuses to start when the configured EventStoreDB cannot be reached, saying so', async () => {
    const service = await startService({
      DATA_DIR: join(scratch, 'esdb'),
      EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:9?tls=false',
    });
    const { code } = await service.exited;
    expect(code).toBe(1);
    expect(service.output()).toContain('EventStoreDB at esdb://127.0.0.1:9?tls=false cannot be reached');
  }, 30_000);

  it('refuses to start on invalid configuration, saying what is wrong, and touches no data', async () => {
    const dataDir = join(scratch, 'never-created');
    const service = await startService({ DATA_DIR: dataDir, PORT: 'eighty', LOG_LEVEL: 'loud' });
    const { code } = await service.exited;

    expect(code).toBe(1);
    expect(service.output()).toContain('Invalid configuration');
    expect(service.output()).toContain('PORT must be an integer from 0 to 65535 (got "eighty")');
    expect(service.output()).toContain('LOG_LEVEL must be one of');
    expect(existsSync(dataDir)).toBe(false);
  });
});
