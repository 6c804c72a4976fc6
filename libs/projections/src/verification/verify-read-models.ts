import { existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { replay, type Methodology } from '#domain';
import type { ComplianceEventLog } from '#event-log';
import type { EventStore, Position } from '#event-store';
import { ReadModels, readModelsDerivation } from '../read-models/read-models.js';
import type { EntityHistory } from '../read-models/entity-records/entity-records.model.js';
import { ratingRow, unrated, type RatingRow } from '../read-models/register/ratings.model.js';
import { buildReadModels, removeDatabase } from '../rebuild/rebuild-read-models.js';
import type { Logger } from '../runner/projection-runner.js';

/** One way in which a read-model file differs from what the log derives. */
export interface ReadModelDifference {
  readonly table: string;
  /** The row's key, or what the table holds for the whole file (its schema, its derivation). */
  readonly key: string;
  readonly derived: string;
  readonly found: string;
}

export interface ReadModelVerdict {
  /** The position the file says it was built up to, which the derivation was built up to too. */
  readonly checkedUpTo: Position | undefined;
  readonly rows: number;
  readonly differences: readonly ReadModelDifference[];
}

/** The tables compared row for row, each by its key; `ratings` is compared by computing each row again. */
const TABLES: Readonly<Record<string, { readonly key: string; readonly columns: string }>> = {
  entities: { key: 'bin', columns: 'bin, revision, last_position, last_hash' },
  entity_events: {
    key: "bin || '@' || revision",
    columns: 'bin, revision, position, event_id, type, recorded_at, data',
  },
  changes: { key: "position || '@' || bin", columns: 'position, bin' },
  score_history: { key: "bin || '@' || revision", columns: 'bin, revision, score, grade' },
  quarantine: { key: 'bin', columns: 'bin, code, revision, position, detail' },
  convictions: {
    key: "bin || '@' || event_id || '@' || known_from",
    columns: 'iin, bin, event_id, convicted_at, known_from, known_until',
  },
  office_holders: { key: "iin || '@' || bin", columns: 'iin, bin' },
  checkpoint: { key: 'name', columns: 'name, position, events' },
  derivation: { key: "'fingerprint'", columns: 'fingerprint' },
};

/**
 * Derives the read models again from the log, up to the position the file says it reached,
 * and compares every row of every table, and the file's schema (no trigger or index of an
 * insider's may hide there). A rating is compared with the rating its entity's events give at
 * the instant it says it was rated. Nothing an insider edits in the file escapes this.
 */
export async function verifyReadModels(
  store: EventStore,
  log: ComplianceEventLog,
  file: string,
  methodology: Methodology,
  logger: Logger,
): Promise<ReadModelVerdict> {
  if (!existsSync(file)) throw new Error(`There are no read models at ${file}`);
  const checked = new DatabaseSync(file, { readOnly: true });
  const derivedFile = `${file}.verify`;
  let derived: DatabaseSync | undefined;
  try {
    checked.exec('BEGIN'); // one snapshot of the file, should a service still be writing it
    const checkedUpTo = checkpointOf(checked);
    // a file never checkpointed holds no event: derive none ('' comes before every position)
    await buildReadModels(store, log, derivedFile, methodology, logger, { until: checkedUpTo ?? ('' as Position) });
    derived = new DatabaseSync(derivedFile, { readOnly: true });
    const differences: ReadModelDifference[] = [...schemaDifferences(checked, derived)];
    let rows = 0;
    for (const [table, { key, columns }] of Object.entries(TABLES)) {
      if (!tableExists(checked, table)) {
        differences.push({ table, key: '(table)', derived: 'present', found: 'missing' });
        continue;
      }
      const compared = rowDifferences(checked, derived, table, key, columns);
      rows += compared.rows;
      differences.push(...compared.differences);
    }
    derived.close();
    const ratings = ratingDifferences(checked, derivedFile, log, methodology, logger);
    rows += ratings.rows;
    differences.push(...ratings.differences);
    if (readModelsDerivation(methodology).fingerprint !== fingerprintOf(checked)) {
      differences.push({
        table: 'derivation',
        key: 'fingerprint',
        derived: 'this release and methodology',
        found: 'other settings',
      });
    }
    return { checkedUpTo, rows, differences };
  } finally {
    if (checked.isOpen) checked.close();
    if (derived?.isOpen) derived.close();
    removeDatabase(derivedFile);
  }
}

function checkpointOf(db: DatabaseSync): Position | undefined {
  if (!tableExists(db, 'checkpoint')) return undefined;
  const row = db.prepare("SELECT position FROM checkpoint WHERE name = 'read-models'").get() as
    { position: string } | undefined;
  return row?.position as Position | undefined;
}

function fingerprintOf(db: DatabaseSync): string | undefined {
  if (!tableExists(db, 'derivation')) return undefined;
  return (db.prepare('SELECT fingerprint FROM derivation').get() as { fingerprint: string } | undefined)?.fingerprint;
}

function tableExists(db: DatabaseSync, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

function schemaDifferences(checked: DatabaseSync, derived: DatabaseSync): ReadModelDifference[] {
  const objects = (db: DatabaseSync) =>
    new Map(
      (
        db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").all() as {
          type: string;
          name: string;
          sql: string | null;
        }[]
      ).map((o) => [`${o.type} ${o.name}`, o.sql ?? '']),
    );
  const [found, expected] = [objects(checked), objects(derived)];
  const differences: ReadModelDifference[] = [];
  for (const key of new Set([...found.keys(), ...expected.keys()])) {
    if (found.get(key) !== expected.get(key)) {
      differences.push({
        table: 'sqlite_schema',
        key,
        derived: expected.get(key) ?? '(none)',
        found: found.get(key) ?? '(none)',
      });
    }
  }
  return differences;
}

/** Both files' rows of a table, in key order, merged: every row that is not in both, alike. */
function rowDifferences(
  checked: DatabaseSync,
  derived: DatabaseSync,
  table: string,
  key: string,
  columns: string,
): { rows: number; differences: ReadModelDifference[] } {
  const rowsOf = (db: DatabaseSync) =>
    db
      .prepare(`SELECT CAST(${key} AS TEXT) AS key, json_array(${columns}) AS row FROM ${table} ORDER BY 1`)
      .iterate() as Iterator<{ key: string; row: string }>;
  const [found, expected] = [rowsOf(checked), rowsOf(derived)];
  const differences: ReadModelDifference[] = [];
  let rows = 0;
  let a = found.next();
  let b = expected.next();
  while (!a.done || !b.done) {
    const order = a.done ? 1 : b.done ? -1 : a.value.key < b.value.key ? -1 : a.value.key > b.value.key ? 1 : 0;
    if (order <= 0) rows++;
    if (order === 0) {
      if (a.value.row !== b.value.row)
        differences.push({ table, key: a.value.key, derived: b.value.row, found: a.value.row });
      a = found.next();
      b = expected.next();
    } else if (order < 0) {
      differences.push({ table, key: a.value.key, derived: '(no such row)', found: a.value.row });
      a = found.next();
    } else {
      differences.push({ table, key: b.value.key, derived: b.value.row, found: '(no such row)' });
      b = expected.next();
    }
  }
  return { rows, differences };
}

/**
 * Each stored rating against the rating its entity's events give: those up to the position it
 * says it includes, at the instant it says it was rated; and whether it is due as it says.
 */
function ratingDifferences(
  db: DatabaseSync,
  derivedFile: string,
  log: ComplianceEventLog,
  methodology: Methodology,
  logger: Logger,
): { rows: number; differences: ReadModelDifference[] } {
  if (!tableExists(db, 'ratings')) {
    return { rows: 0, differences: [{ table: 'ratings', key: '(table)', derived: 'present', found: 'missing' }] };
  }
  const derived = ReadModels.open(derivedFile, log, methodology, logger);
  const differences: ReadModelDifference[] = [];
  const found = db.prepare('SELECT * FROM ratings ORDER BY bin').iterate() as unknown as Iterable<RatingRow>;
  const seen = new Set<string>();
  try {
    for (const row of found) {
      seen.add(row.bin);
      const history = derived.entities.load(row.bin, { keep: false });
      if (history === undefined) {
        differences.push({ table: 'ratings', key: row.bin, derived: '(no such entity)', found: JSON.stringify(row) });
        continue;
      }
      const expected = expectedRating(history, row, methodology, derived.lifetimeBan);
      for (const column of Object.keys(expected) as (keyof RatingRow)[]) {
        if (expected[column] !== row[column]) {
          differences.push({
            table: 'ratings',
            key: `${row.bin}.${column}`,
            derived: String(expected[column]),
            found: String(row[column]),
          });
        }
      }
    }
    const rated = derived.database.db.prepare('SELECT bin FROM ratings').all() as { bin: string }[];
    for (const { bin } of rated) {
      if (!seen.has(bin)) differences.push({ table: 'ratings', key: bin, derived: 'a rating', found: '(no such row)' });
    }
  } finally {
    derived.database.close();
  }
  return { rows: seen.size, differences };
}

/** The row the log derives for what a stored row says it is: a rating through a position, at an instant. */
function expectedRating(
  history: EntityHistory,
  row: RatingRow,
  methodology: Methodology,
  lifetimeBan: ReadModels['lifetimeBan'],
): RatingRow {
  if (row.rated_at === '') return unrated(row.bin);
  const events = history.events.filter((event) => event.position <= row.through);
  const last = events.at(-1);
  const through: EntityHistory = {
    ...history,
    events,
    record: replay(events),
    lastPosition: last?.position ?? ('' as Position),
    revision: last?.revision ?? -1,
  };
  return {
    ...ratingRow(through, Date.parse(row.rated_at), methodology, lifetimeBan),
    due: history.lastPosition === row.through ? 0 : 1,
  };
}
