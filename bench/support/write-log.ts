import { SingleBar } from 'cli-progress';
import { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { SqliteEventStore } from '#event-store/sqlite';
import { MultiRowInsert } from '#sqlite';
import { STORED_EVENT_COLUMNS, type NationalVolumeOptions, type StoredEventRow } from './national-volume.js';
import type { FromGenerator } from './generate-log.worker.js';

export interface WrittenLog {
  readonly events: number;
  readonly seconds: number;
  /** The entities' BINs, the largest entity first. */
  readonly bins: readonly string[];
  /** Events of the largest entity. */
  readonly largest: number;
  /** The largest resident memory of this process (writer and generator) seen while writing, in MB. */
  readonly peakResidentMegabytes: number;
}

/** Chunks of rows generated ahead of the one being written: the generator's thread seldom waits, memory stays flat. */
const AHEAD = 4;

/**
 * Writes a generated national volume (`NationalVolume`) into a new event store file, the rows
 * made on a worker thread while this one inserts them: the schema, page size and WAL mode of
 * the embedded store (the file created by `SqliteEventStore` itself), then one transaction per
 * chunk of 5,000 rows, in log order, without syncs: the file is thrown away unless complete. A progress bar on stderr (every 10 s when it is not a terminal).
 */
export async function writeLog(filename: string, options: NationalVolumeOptions): Promise<WrittenLog> {
  await SqliteEventStore.open({ filename }).close();
  const db = new DatabaseSync(filename);
  db.exec('PRAGMA synchronous = OFF; PRAGMA cache_size = -65536');
  const insert = new MultiRowInsert(db, STORED_EVENT_COLUMNS, 7);
  const bar = new SingleBar({
    format:
      'generate [{bar}] {percentage}% | {value}/{total} events | {speed} events/s | RSS {rss} MB | ETA {eta_formatted}',
    etaBuffer: 20,
    noTTYOutput: true,
    notTTYSchedule: 10_000,
  });
  const started = performance.now();
  const worker = new Worker(new URL('./generate-log.worker.js', import.meta.url), {
    workerData: { options, ahead: AHEAD },
    // the generator's own heap: what it keeps between periods is small, the rows die young
    resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 96 },
  });
  let peak = 0;
  let written = 0;
  let volume: { bins: readonly string[]; largest: number } | undefined;
  bar.start(options.events, 0, { speed: 0, rss: 0 });
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (error: Error) => {
        void worker.terminate();
        reject(error);
      };
      const write = (message: FromGenerator) => {
        if (message.kind === 'volume') volume = message;
        else if (message.kind === 'done') resolve();
        else {
          db.exec('BEGIN');
          insert.run(message.rows as StoredEventRow[]);
          db.exec('COMMIT');
          written += message.rows.length;
          worker.postMessage('written');
          const rss = process.memoryUsage.rss() / 2 ** 20;
          peak = Math.max(peak, rss);
          const seconds = (performance.now() - started) / 1000;
          bar.update(written, { speed: Math.round(written / seconds), rss: Math.round(rss) });
        }
      };
      // one batch a turn of the event loop: a port's messages are otherwise handled back to
      // back while the generator keeps up, and the progress bar's timer never runs
      const arrived: FromGenerator[] = [];
      let scheduled = false;
      const next = () => {
        const message = arrived.shift() as FromGenerator;
        try {
          write(message);
        } catch (error) {
          return fail(error as Error);
        }
        scheduled = arrived.length > 0;
        if (scheduled) setImmediate(next);
      };
      worker.on('message', (message: FromGenerator) => {
        arrived.push(message);
        if (!scheduled) setImmediate(next);
        scheduled = true;
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (code !== 0) fail(new Error(`The generator stopped (exit code ${code})`));
      });
    });
  } finally {
    bar.stop();
    db.close();
  }
  if (volume === undefined || written !== options.events) {
    throw new Error(`The generator made ${written} of ${options.events} events`);
  }
  return {
    events: written,
    seconds: (performance.now() - started) / 1000,
    bins: volume.bins,
    largest: volume.largest,
    peakResidentMegabytes: peak,
  };
}
