/**
 * The generator's thread of `writeLog`: makes the national volume's rows a batch at a time
 * and hands them to the writer in chunks, at most `ahead` chunks before the writer has written
 * them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { NationalVolume, type NationalVolumeOptions, type StoredEventRow } from './national-volume.js';

export type FromGenerator =
  | { readonly kind: 'volume'; readonly bins: readonly string[]; readonly largest: number }
  | { readonly kind: 'rows'; readonly rows: readonly StoredEventRow[] }
  | { readonly kind: 'done' };

const { options, ahead } = workerData as { options: NationalVolumeOptions; ahead: number };
/** Rows a message (and a transaction of the writer). */
const CHUNK = 5_000;
const port = parentPort;
if (port === null) throw new Error('generate-log.worker runs as a worker thread of writeLog');

let credit = ahead;
let wake: (() => void) | undefined;
port.on('message', () => {
  credit++;
  wake?.();
});

const volume = new NationalVolume(options);
port.postMessage({ kind: 'volume', bins: volume.bins, largest: volume.largest } satisfies FromGenerator);
for (const batch of volume.batches()) {
  // in chunks small enough to die young in the writer's heap
  for (let start = 0; start < batch.length; start += CHUNK) {
    while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
    credit--;
    port.postMessage({ kind: 'rows', rows: batch.slice(start, start + CHUNK) } satisfies FromGenerator);
  }
}
port.postMessage({ kind: 'done' } satisfies FromGenerator);
port.close();
