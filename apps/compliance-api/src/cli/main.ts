import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { createKey } from '../access/api-keys.js';
import { ROLES, type Role } from '../access/roles.js';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { exportEvents } from './export.command.js';
import { rebuild } from './rebuild.command.js';
import { seedDemo, seedVolume } from './seed.command.js';
import { verify } from './verify.command.js';
import { createCheckpointKey } from './transparency/checkpoint-keys.command.js';
import { verifierKeyArgument } from './transparency/verifier-key-argument.js';
import { verifyCheckpoint } from './transparency/verify-checkpoint.js';
import { witnessOnce, WitnessRefusal } from './transparency/witness.command.js';

const USAGE = `Usage: npm run cli -- <command> [options]   (configuration from the environment, as for the service)

  rebuild [--json]                drop the read models and replay the whole log into new ones
                                  (--json: the report as one JSON line on stdout)
  verify [--file export.ndjson]   recompute every stream's hash chain, and list the entities the read
                                  models set aside (exit 1 on a break or one set aside)
  verify --read-models            also derive the read models again from the log and compare them
                                  with LOCAL_DIR/read-models.db, row for row (exit 1 on a difference)
  verify --checkpoint FILE --verifier-key KEY [--file export.ndjson]
                                  also prove the log (or the export) consistent with a checkpoint kept
                                  from earlier, naming what was removed, altered, moved or inserted
                                  (exit 1); KEY is the log's verifier key, or a file holding it
  export [--bin BIN] [--out FILE] write the log, or one entity's stream, as NDJSON
  seed --demo                     load the demo register (a few dozen entities, 2019-2026)
  seed --entities N --events M    load a generated volume (benchmarks)
  keys create --id ID --role ROLE [--bins BIN,BIN] [--file FILE]
                                  create an API key (officer, registry, auditor, admin), print it once
                                  and append its SHA-256 to FILE (default: API_KEYS_FILE)
  keys checkpoint --origin ORIGIN --file FILE
                                  create the key that signs the log's checkpoints (for
                                  CHECKPOINT_SIGNING_KEY_FILE); print its verifier key
  witness --log URL --verifier-key KEY --state DIR [--name NAME] [--every SECONDS]
                                  witness the log at URL: verify its latest checkpoint, prove it extends
                                  the last one kept in DIR, cosign it and send the cosignature (the API
                                  key from COMPLIANCE_API_KEY); once, or every SECONDS
`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      file: { type: 'string' },
      bin: { type: 'string' },
      out: { type: 'string' },
      demo: { type: 'boolean' },
      entities: { type: 'string' },
      events: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      json: { type: 'boolean' },
      'read-models': { type: 'boolean' },
      id: { type: 'string' },
      role: { type: 'string' },
      bins: { type: 'string' },
      checkpoint: { type: 'string' },
      'verifier-key': { type: 'string' },
      origin: { type: 'string' },
      log: { type: 'string' },
      state: { type: 'string' },
      name: { type: 'string' },
      every: { type: 'string' },
    },
  });
  if (positionals[0] === 'keys') return keys(positionals[1], values);
  if (positionals[0] === 'witness') return witness(values);
  const config = loadConfig(process.env);
  const tty = process.stderr.isTTY;
  switch (values.help ? 'help' : positionals[0]) {
    case 'rebuild': {
      const report = await rebuild(config, { progress: tty && !values.json });
      if (values.json) console.log(JSON.stringify(report));
      const rate = Math.round(report.events / report.seconds);
      console.error(
        `Rebuilt the read models from ${report.events} events in ${report.seconds.toFixed(2)} s (${rate} events/s), ` +
          `of which rating ${report.entities} entities took ${report.ratingSeconds.toFixed(2)} s; ` +
          `the log's tree of ${report.tree.leaves} leaves ${report.tree.seconds.toFixed(2)} s`,
      );
      if (report.tree.refused === undefined) return 0;
      console.error(
        `The rebuilt tree was NOT put in place: ${report.tree.refused}. The log was rewritten since it was signed; ` +
          'npm run cli -- verify --checkpoint names what changed',
      );
      return 1;
    }
    case 'verify': {
      let consistent = true;
      if (values.checkpoint !== undefined || values['verifier-key'] !== undefined) {
        if (values.checkpoint === undefined || values['verifier-key'] === undefined) {
          console.error(`verify --checkpoint needs both --checkpoint FILE and --verifier-key KEY\n\n${USAGE}`);
          return 2;
        }
        const verdict = await verifyCheckpoint(config, {
          checkpoint: values.checkpoint,
          verifierKey: values['verifier-key'],
          file: values.file,
        });
        for (const finding of verdict.findings) console.log(`${finding.kind.toUpperCase()} ${finding.message}`);
        const { origin, size } = verdict.checkpoint;
        console.log(
          verdict.consistent
            ? `CONSISTENT with the checkpoint of ${origin} at ${size} events: the log's first ${size} events are those it signed (${verdict.logSize} now)`
            : `NOT CONSISTENT with the checkpoint of ${origin} at ${size} events: ${verdict.findings.length} findings`,
        );
        consistent = verdict.consistent;
      }
      const { chains, quarantined, readModels } = await verify(config, {
        file: values.file,
        readModels: values['read-models'],
      });
      const broken = [...chains].filter(([, verdict]) => !verdict.valid);
      for (const [streamId, verdict] of broken)
        console.log(`BROKEN ${streamId} at revision ${verdict.firstBrokenRevision}`);
      for (const q of quarantined) {
        console.log(
          `SET ASIDE entity-${q.bin} at revision ${q.revision} (${q.code}, position ${q.position}): ${q.detail}`,
        );
      }
      const events = [...chains.values()].reduce((sum, v) => sum + v.checkedEvents, 0);
      console.log(
        `${chains.size} streams, ${events} events checked, ${broken.length} broken, ${quarantined.length} set aside by the read models`,
      );
      for (const d of readModels?.differences ?? []) {
        console.log(`DIFFERENT ${d.table} ${d.key}: the log derives ${d.derived}, the file holds ${d.found}`);
      }
      if (readModels) {
        console.log(
          `read models: ${readModels.rows} rows up to position ${readModels.checkedUpTo ?? '(none)'} derived again, ${readModels.differences.length} differences`,
        );
      }
      const intact = broken.length === 0 && quarantined.length === 0 && (readModels?.differences.length ?? 0) === 0;
      return intact && consistent ? 0 : 1;
    }
    case 'export': {
      const out = values.out === undefined ? process.stdout : createWriteStream(values.out);
      console.error(`Exported ${await exportEvents(config, out, values.bin)} events`);
      return 0;
    }
    case 'seed': {
      if (values.demo) {
        const report = await seedDemo(config);
        console.error(`Recorded ${report.recorded} events; ${report.refused.length} commands refused`);
        return report.refused.length === 0 ? 0 : 1;
      }
      const entities = Number(values.entities);
      const events = Number(values.events);
      if (!(Number.isInteger(entities) && entities > 0 && Number.isInteger(events) && events >= entities * 2)) {
        console.error(`seed needs --demo, or --entities N --events M with M >= 2N\n\n${USAGE}`);
        return 2;
      }
      console.error(`Seeded ${await seedVolume(config, entities, events, tty)} events`);
      return 0;
    }
    case 'help':
      console.log(USAGE);
      return 0;
    default:
      console.error(USAGE);
      return 2;
  }
}

/** Key management works without a valid configuration: it is how a production one is made. */
function keys(
  action: string | undefined,
  values: { id?: string; role?: string; bins?: string; file?: string; origin?: string },
): number {
  if (action === 'checkpoint') {
    const origin = values.origin ?? process.env.TRANSPARENCY_ORIGIN;
    if (origin === undefined || values.file === undefined) {
      console.error(`keys checkpoint needs --origin (or TRANSPARENCY_ORIGIN) and --file\n\n${USAGE}`);
      return 2;
    }
    const verifierKey = createCheckpointKey(origin, values.file);
    console.error(
      `Created the checkpoint signing key of ${origin} in ${values.file} (keep it secret; CHECKPOINT_SIGNING_KEY_FILE names it). Its verifier key, to publish:`,
    );
    console.log(verifierKey);
    return 0;
  }
  const file = values.file ?? process.env.API_KEYS_FILE;
  if (action !== 'create' || !values.id || !ROLES.includes(values.role as Role) || !file) {
    console.error(`keys create needs --id, --role (${ROLES.join(', ')}) and --file or API_KEYS_FILE\n\n${USAGE}`);
    return 2;
  }
  const bins = (values.bins ?? '')
    .split(',')
    .map((bin) => bin.trim())
    .filter((bin) => bin !== '');
  const key = createKey(file, values.id, values.role as Role, bins);
  console.error(`Created key ${values.id} (${values.role}); its SHA-256 is in ${file}. The key, shown only now:`);
  console.log(key);
  return 0;
}

/** A witness of a log elsewhere: needs no configuration of its own beyond its state folder. */
async function witness(values: {
  log?: string;
  'verifier-key'?: string;
  state?: string;
  name?: string;
  every?: string;
}): Promise<number> {
  const apiKey = process.env.COMPLIANCE_API_KEY;
  const every = values.every === undefined ? undefined : Number(values.every);
  if (!values.log || !values['verifier-key'] || !values.state || !apiKey || (every !== undefined && !(every > 0))) {
    console.error(
      `witness needs --log URL, --verifier-key KEY, --state DIR and the API key in COMPLIANCE_API_KEY (--every: seconds)\n\n${USAGE}`,
    );
    return 2;
  }
  const options = {
    log: values.log,
    logKey: verifierKeyArgument(values['verifier-key']),
    state: values.state,
    apiKey,
    name: values.name,
    say: (line: string) => console.log(line),
  };
  for (;;) {
    try {
      await witnessOnce(options);
    } catch (error) {
      // a log caught misbehaving is the witness's whole point: said, and never cosigned
      console.error(error instanceof Error ? error.message : error);
      if (error instanceof WitnessRefusal || every === undefined) return 1;
    }
    if (every === undefined) return 0;
    await new Promise((resolve) => setTimeout(resolve, every * 1000));
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exitCode = 1;
  },
);
