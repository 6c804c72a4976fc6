import { SingleBar } from 'cli-progress';
import { Worker } from 'node:worker_threads';
import { SqliteEventStore } from '#event-store/sqlite';
import { finishBulk, MultiRowInsert, openDatabase } from '#sqlite';
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

/** Periods generated ahead of the one being written: the generator's thread never waits, memory stays flat. */
const AHEAD = 2;

/**
 * Writes a generated national volume (`NationalVolume`) into a new event store file, the rows
 * made on a worker thread while this one inserts them: the schema and pragmas of the embedded
 * store (created by `SqliteEventStore` itself), then one transaction per 10 days of the log,
 * without a journal (the file is thrown away unless complete), and the file put in WAL mode
 * as the store keeps it. A progress bar on stderr (every 10 s when it is not a terminal).
 */
export async function writeLog(filename: string, options: NationalVolumeOptions): Promise<WrittenLog> {
  await SqliteEventStore.open({ filename }).close();
  const db = openDatabase(filename, { mode: 'bulk' });
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
    resourceLimits: { maxOldGenerationSizeMb: 512 },
  });
  let peak = 0;
  let written = 0;
  let volume: { bins: readonly string[]; largest: number } | undefined;
  bar.start(options.events, 0, { speed: 0, rss: 0 });
  try {
    await new Promise<void>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`The generator stopped before the end (exit code ${code})`)));
      worker.on('message', (message: FromGenerator) => {
        try {
          if (message.kind === 'volume') volume = message;
          else if (message.kind === 'done') resolve();
          else if (message.kind === 'rows') {
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
        } catch (error) {
          void worker.terminate();
          reject(error as Error);
        }
      });
    });
    finishBulk(db);
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
