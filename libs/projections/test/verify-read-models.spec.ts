import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { METHODOLOGY_V1 } from '#domain';
import { ComplianceEventLog } from '#event-log';
import { SqliteEventStore } from '#event-store/sqlite';
import { ProjectionRunner, ReadModels, verifyReadModels } from '#projections';
import { EntityRecords, recordFacts } from '#write-side';
import { HOLDING, IIN, SUBSIDIARY } from './support/projection-spec.js';

const quiet = { log: () => {}, error: () => {} };

describe('verifying read models against the log they are derived from', () => {
  let dir: string;
  let store: SqliteEventStore;
  let log: ComplianceEventLog;
  let file: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'verify-read-models-'));
    store = SqliteEventStore.open({ filename: join(dir, 'events.db') });
    log = new ComplianceEventLog(store);
    const records = new EntityRecords(log);
    const recording = { recordedBy: { id: 'k', role: 'officer' }, correlationId: 'c', causationId: 'r' };
    for (const bin of [HOLDING, SUBSIDIARY]) {
      await recordFacts(records, {
        bin,
        recording,
        commands: [
          { type: 'RegisterEntity', data: { bin, name: `Company ${bin}`, stateSharePercent: 100 } },
          { type: 'EstablishComplianceService', data: { officerIin: IIN, establishedOn: '2020-01-01' } },
          {
            type: 'RecordGiftBanViolation',
            data: { personIin: IIN, description: 'kept a gift', occurredOn: '2025-01-01' },
          },
        ],
      });
    }
    file = join(dir, 'read-models.db');
    const readModels = ReadModels.open(file, log, METHODOLOGY_V1, quiet);
    await new ProjectionRunner(store, readModels, { catchUpBatch: 2, liveBatchMs: 1, logger: quiet }).catchUp();
    await readModels.close();
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const edit = (sql: string) => {
    const db = new DatabaseSync(file);
    db.exec(sql);
    db.close();
  };

  it('finds nothing to report in read models the projection built', async () => {
    const verdict = await verifyReadModels(store, log, file, METHODOLOGY_V1, quiet);

    expect(verdict.differences).toEqual([]);
    expect(verdict.checkedUpTo).toBe(await store.headPosition());
    expect(verdict.rows).toBeGreaterThan(10);
  });

  it('names every row an insider edited: a false score, an event rewritten, a row removed', async () => {
    edit(`UPDATE ratings SET score = 95, grade = 'A' WHERE bin = '${HOLDING}';
          UPDATE entity_events SET data = json_set(data, '$.description', 'nothing happened') WHERE bin = '${SUBSIDIARY}' AND revision = 2;
          DELETE FROM changes WHERE bin = '${SUBSIDIARY}' AND position = (SELECT max(position) FROM changes);`);

    const { differences } = await verifyReadModels(store, log, file, METHODOLOGY_V1, quiet);

    expect(differences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table: 'ratings', key: `${HOLDING}.score`, derived: '50', found: '95' }),
        expect.objectContaining({ table: 'ratings', key: `${HOLDING}.grade`, derived: 'C', found: 'A' }),
        expect.objectContaining({ table: 'entity_events', key: `${SUBSIDIARY}@2` }),
        expect.objectContaining({ table: 'changes', found: '(no such row)' }),
      ]),
    );
    expect(differences).toHaveLength(4);
  });

  it('sees what hides outside the rows: a trigger, a checkpoint moved, a view consistent with nothing', async () => {
    edit(`CREATE TRIGGER hide AFTER INSERT ON ratings BEGIN UPDATE ratings SET score = 100 WHERE bin = NEW.bin; END;
          UPDATE checkpoint SET position = '00000000000000000003';
          UPDATE ratings SET view = replace(view, '"score":50', '"score":99') WHERE bin = '${HOLDING}';`);

    const { differences, checkedUpTo } = await verifyReadModels(store, log, file, METHODOLOGY_V1, quiet);
    const tables = new Set(differences.map((d) => d.table));

    expect(checkedUpTo).toBe('00000000000000000003');
    expect(tables).toEqual(
      new Set([
        'sqlite_schema',
        'checkpoint', // moved without the count of events it says were applied
        'entities',
        'entity_events',
        'changes',
        'score_history',
        'office_holders',
        'ratings',
      ]),
    );
    expect(differences).toContainEqual(
      expect.objectContaining({ table: 'sqlite_schema', key: 'trigger hide', derived: '(none)' }),
    );
    expect(differences).toContainEqual(expect.objectContaining({ table: 'ratings', key: `${HOLDING}.view` }));
    // beyond the checkpoint, the file holds what the log up to it cannot derive
    expect(differences).toContainEqual(
      expect.objectContaining({ table: 'entities', key: SUBSIDIARY, derived: '(no such row)' }),
    );
  });
});
