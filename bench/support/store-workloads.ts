import { newEventId, type EventStore, type EventToAppend, type Position } from '#event-store';
import { certificateIssued as sharedEvent } from './certificate-issued.js';

/**
 * What the store benchmarks share: the appends they make, and how a workload is timed on both
 * sides (the store, and raw inserts of the same rows) in the same run.
 */
export const BATCH = 100;
export const STREAMS = 1_000;
export const READ_PAGE = 1_000;

export interface Append {
  readonly stream: string;
  readonly events: EventToAppend[];
}

/** Events per second of each side. */
export interface Rates {
  readonly engine: number;
  readonly raw: number;
}

/** One workload: both sides do `count` events' worth of the same work on fresh storage. */
export interface Workload {
  readonly count: number;
  engine(): Promise<void>;
  raw(): Promise<void>;
}

/** The shared benchmark event, with an id of the kind the service gives its events. */
export function certificateIssued(n: number): EventToAppend {
  return { eventId: newEventId(), ...sharedEvent(n) };
}

export function singleEventAppends(count: number): Append[] {
  return Array.from({ length: count }, (_, n) => ({ stream: `entity-${n % STREAMS}`, events: [certificateIssued(n)] }));
}

export function batchedAppends(count: number): Append[] {
  return Array.from({ length: count / BATCH }, (_, b) => ({
    stream: `entity-batch-${b}`,
    events: Array.from({ length: BATCH }, (_, i) => certificateIssued(b * BATCH + i)),
  }));
}

/** Fills a store with `count` events in batches, and closes it: the log a read-all workload reads. */
export async function fillLog(store: EventStore, count: number): Promise<void> {
  for (const { stream, events } of batchedAppends(count)) await store.appendToStream(stream, events);
  await store.close();
}

/** Fails the run when a side read other than `count` events: a side that skipped work would look fast. */
export function readingAll(count: number): (read: number) => void {
  return (read) => {
    if (read !== count) throw new Error(`read ${read} events, expected ${count}`);
  };
}

/** Reads the whole log through the port, a page at a time, closing the store after: how many events it read. */
export async function readWholeLog(store: EventStore): Promise<number> {
  let read = 0;
  for (let after: Position | undefined; ;) {
    const page = await store.readAll({ after, maxCount: READ_PAGE });
    read += page.length;
    if (page.length < READ_PAGE) break;
    after = page[page.length - 1].position;
  }
  await store.close();
  return read;
}

export function eventCount(appends: readonly Append[]): number {
  return appends.reduce((sum, a) => sum + a.events.length, 0);
}

async function eventsPerSecond(count: number, work: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await work();
  return count / ((performance.now() - start) / 1000);
}

/** The median rate of each side over `rounds`, alternating which side goes first. */
export async function measure(rounds: number, makeWorkload: () => Workload | Promise<Workload>): Promise<Rates> {
  const engine: number[] = [];
  const raw: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const workload = await makeWorkload();
    const sides = [
      async () => engine.push(await eventsPerSecond(workload.count, () => workload.engine())),
      async () => raw.push(await eventsPerSecond(workload.count, () => workload.raw())),
    ];
    for (const side of round % 2 === 0 ? sides : sides.reverse()) await side();
  }
  return { engine: median(engine), raw: median(raw) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
