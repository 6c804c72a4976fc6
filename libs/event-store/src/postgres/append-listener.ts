import pg from 'pg';
import type { AppendSignal } from '../append-signal.js';

const RECONNECT_FIRST_MS = 250;
const RECONNECT_MAX_MS = 5_000;

/**
 * Wakes subscriptions when any process appends: one connection LISTENs on the schema's channel
 * and turns each notification into an append signal. If it drops, it reconnects with a growing
 * delay while the subscriptions' poll timer stands in; once back, it signals once, so a wait
 * that missed a notification reads again.
 */
export class AppendListener {
  private client?: pg.Client;
  private closed = false;
  private retry?: NodeJS.Timeout;
  private failures = 0;

  private constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly signal: AppendSignal,
  ) {}

  /** Listens from now on; the first connection's failure is the caller's (the store does not open). */
  static async start(connectionString: string, channel: string, signal: AppendSignal): Promise<AppendListener> {
    const listener = new AppendListener(connectionString, channel, signal);
    await listener.connect();
    return listener;
  }

  /** Whether notifications arrive now (else the poll timer alone wakes subscriptions). */
  get listening(): boolean {
    return this.client !== undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, connectionTimeoutMillis: 10_000 });
    client.on('notification', () => this.signal.notify());
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.failures = 0;
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    void client.end().catch(() => undefined);
    this.reconnectLater();
  }

  private reconnectLater(): void {
    if (this.closed) return;
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_FIRST_MS * 2 ** this.failures++);
    this.retry = setTimeout(() => {
      this.connect().then(
        () => this.signal.notify(), // appends made while deaf are read now, not at the next poll
        () => this.reconnectLater(),
      );
    }, delay);
    this.retry.unref();
  }
}
