/**
 * npm run bench [-- --quick] [-- --only store,write,read,postgres]
 * npm run bench -- --scale [--events N --entities M] [--largest K] [--order entity]   (national scale: 10M events)
 *
 * Every target of PRODUCT.md section 9 in one table: the measured value, the target, and the
 * ratio to the baselines measured beside it in the same run (raw node:sqlite, a bare Fastify
 * server, and the peer library emmett's SQLite event store, installed under bench/peer on
 * first use), and the PostgreSQL store beside raw `pg` when a server answers. `--quick` is a
 * smaller run (well under 2 minutes once the peer is installed); the full run takes several minutes. Set BENCH_DIR to put the scratch files on another disk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { printFigures, verdictOf, type Figure } from './figures.js';
import { postgresFigures } from './suites/postgres.js';
import { readFigures } from './suites/read.js';
import { scaleFigures, scaleOptions } from './suites/scale.js';
import { storeFigures } from './suites/store.js';
import { writeFigures } from './suites/write.js';

const SUITES = { store: storeFigures, write: writeFigures, read: readFigures, postgres: postgresFigures } as const;
type Suite = keyof typeof SUITES;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      scale: { type: 'boolean', default: false },
      events: { type: 'string' },
      entities: { type: 'string' },
      largest: { type: 'string' },
      order: { type: 'string' },
    },
  });
  const chosen = (values.scale ? [] : (values.only?.split(',') ?? Object.keys(SUITES))) as Suite[]; // --scale: that alone
  const unknown = chosen.filter((name) => !(name in SUITES));
  if (unknown.length > 0)
    throw new Error(`unknown suite(s) ${unknown.join(', ')}: choose from ${Object.keys(SUITES).join(', ')}`);

  const scale = values.scale ? scaleOptions(values) : undefined;
  const mode = scale ? 'national scale' : values.quick ? 'quick' : 'full';
  const gib = (bytes: number) => (bytes / 2 ** 30).toFixed(1);
  console.log(
    `Benchmark (${mode}): node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ` +
      `${gib(freemem())} of ${gib(totalmem())} GiB free, ${new Date().toISOString()}`,
  );
  const directory = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'bench-'));
  const figures: Figure[] = [];
  const started = performance.now();
  try {
    if (scale) figures.push(...(await scaleFigures(scale, directory)));
    for (const name of chosen) {
      const suiteStarted = performance.now();
      console.log(`- ${name}...`);
      figures.push(...(await SUITES[name](values.quick, directory)));
      console.log(`  ${name} done in ${((performance.now() - suiteStarted) / 1000).toFixed(0)} s`);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  console.log(`\nAll measured in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  printFigures(figures);
  const missed = figures.filter((figure) => verdictOf(figure) === 'MISSED').length;
  console.log(
    `\n${missed === 0 ? 'Every target met' : `${missed} target(s) missed`} (docs/BENCHMARKS.md explains each figure)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
