/**
 * The generator's thread of `writeLog`: makes the national volume's rows a period at a time
 * and hands each to the writer, at most `ahead` periods before the writer has written them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { NationalVolume, type NationalVolumeOptions, type StoredEventRow } from './national-volume.js';

export type FromGenerator =
  | { readonly kind: 'volume'; readonly bins: readonly string[]; readonly largest: number }
  | { readonly kind: 'rows'; readonly rows: readonly StoredEventRow[] }
  | { readonly kind: 'done' };

const { options, ahead } = workerData as { options: NationalVolumeOptions; ahead: number };
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
for (const rows of volume.batches()) {
  while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
  credit--;
  port.postMessage({ kind: 'rows', rows } satisfies FromGenerator);
}
port.postMessage({ kind: 'done' } satisfies FromGenerator);
port.close();
