import { checkAgainstContract, reportContractChecks } from './contract.js';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withCheckDigit } from '#domain';
import { entityStreamId } from '#event-log';
import type { EventStore, RecordedEvent } from '#event-store';
import { createKey } from '../../src/access/api-keys.js';
import { loadConfig } from '../../src/config/app-config.js';
import { createApp } from '../../src/create-app.js';
import { EVENT_STORE } from '../../src/event-store/event-store.module.js';

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | number | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON of whichever endpoint answered
  readonly body: any;
}

/** A key of each role; the officer's covers the BINs given to `TestApp.start`. */
export interface TestKeys {
  readonly admin: string;
  readonly officer: string;
  readonly registry: string;
  readonly auditor: string;
}

/**
 * The application on a scratch data folder, driven through Fastify's inject (no socket).
 * Requests carry the admin key unless they send their own Authorization header.
 */
export class TestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly dataDir: string,
    private readonly ownsDir: boolean,
    readonly keys: TestKeys,
  ) {}

  static async start(
    dataDir?: string,
    options: { officerBins?: string[]; env?: Record<string, string> } = {},
  ): Promise<TestApp> {
    const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'compliance-e2e-'));
    const keysFile = join(dir, 'test-keys.json');
    rmSync(keysFile, { force: true });
    mkdirSync(dir, { recursive: true });
    const keys: TestKeys = {
      admin: createKey(keysFile, 'test-admin', 'admin'),
      officer: createKey(keysFile, 'test-officer', 'officer', options.officerBins ?? ['081140000436']),
      registry: createKey(keysFile, 'test-registry', 'registry'),
      auditor: createKey(keysFile, 'test-auditor', 'auditor'),
    };
    const app = await createApp(
      loadConfig({
        DATA_DIR: dir,
        LOG_LEVEL: 'silent',
        API_KEYS_FILE: keysFile,
        RATE_LIMIT_PER_MINUTE: '1000000',
        ...options.env,
      }),
    );
    return new TestApp(app, dir, dataDir === undefined, keys);
  }

  post(url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    return this.send('POST', url, body, headers);
  }

  send(method: 'POST' | 'PATCH', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    return this.request(method, url, body === undefined ? undefined : JSON.stringify(body), headers);
  }

  /** Sends a raw payload, for malformed and hostile input. */
  async request(
    method: 'POST' | 'PATCH' | 'GET' | 'PUT' | 'DELETE' | 'OPTIONS' | 'HEAD',
    url: string,
    payload?: string | Buffer,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const response = await this.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method,
        url,
        payload,
        headers: {
          authorization: `Bearer ${this.keys.admin}`,
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
      });
    checkAgainstContract(method, url, { status: response.statusCode, headers: response.headers, text: response.body });
    let body: unknown = response.body;
    try {
      body = JSON.parse(response.body);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.statusCode, headers: response.headers, body };
  }

  /** The entity's stream as stored, straight from the event store. */
  events(bin: string): Promise<RecordedEvent[]> {
    return this.app.get<EventStore>(EVENT_STORE).readStream(entityStreamId(bin));
  }

  async stop(options: { keepData?: boolean } = {}): Promise<void> {
    reportContractChecks();
    await this.app.close();
    if (this.ownsDir && !options.keepData) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

const base = 10_000_000_000 + Math.floor(Math.random() * 80_000_000_000);
let serial = 0;
/** A fresh valid BIN for each call, so tests never share an entity. */
export function aBin(): string {
  for (;;) {
    const bin = withCheckDigit(String(base + serial++));
    if (bin) return bin;
  }
}

export const IIN = '860311300524';
export const OTHER_IIN = '900101300126';
