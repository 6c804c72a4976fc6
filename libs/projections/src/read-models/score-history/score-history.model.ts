import { LRUCache } from 'lru-cache';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { factsOf, isAmendment, replay, ScoreTimeline, scoreRecord, type Grade, type Methodology } from '#domain';
import { MultiRowInsert } from '#sqlite';
import type { EntityEvent } from '../entity-records/entity-event.js';
import type { EntityRecordsModel } from '../entity-records/entity-records.model.js';

/** A change of an entity's score or grade, and the event that caused it. */
export interface ScoreChange {
  readonly eventId: string;
  readonly type: string;
  readonly revision: number;
  readonly recordedAt: string;
  readonly score: number;
  readonly grade: Grade;
}

/** The score after the event at (bin, revision); the event itself is in entity_events. */
export const SCORE_HISTORY_SCHEMA = `
  CREATE TABLE score_history (
    bin      TEXT    NOT NULL,
    revision INTEGER NOT NULL,
    score    REAL    NOT NULL,
    grade    TEXT    NOT NULL,
    PRIMARY KEY (bin, revision)
  ) STRICT, WITHOUT ROWID;`;

/** Facts held by the running scores kept in memory (a few hundred bytes each). */
const KEPT_FACTS = 200_000;

interface RunningScore {
  readonly timeline: ScoreTimeline;
  /** The revision of the last event added. */
  revision: number;
  facts: number;
  last?: { readonly score: number; readonly grade: Grade };
}

/**
 * Every change of each entity's score or grade, with the event that caused it: after each
 * event, the score as published when it was recorded (as of, and known at, its recording
 * time). Kept as events arrive, by a running score per entity (ScoreTimeline), so each event
 * costs the same however long the history, and a request only reads a page.
 */
export class ScoreHistoryModel {
  private readonly insert: MultiRowInsert;
  private readonly selectLast: StatementSync;
  private readonly selectPage: StatementSync;
  private readonly running = new LRUCache<string, RunningScore>({
    maxSize: KEPT_FACTS,
    sizeCalculation: (running) => Math.max(1, running.facts),
  });

  constructor(
    db: DatabaseSync,
    private readonly entities: EntityRecordsModel,
    private readonly methodology: Methodology,
  ) {
    this.insert = new MultiRowInsert(db, 'score_history (bin, revision, score, grade)', 4);
    this.selectLast = db.prepare(
      'SELECT score, grade FROM score_history WHERE bin = ? AND revision < ? ORDER BY revision DESC LIMIT 1',
    );
    this.selectPage = db.prepare(
      `SELECT e.event_id AS eventId, e.type, s.revision, e.recorded_at AS recordedAt, s.score, s.grade
       FROM score_history s JOIN entity_events e ON e.bin = s.bin AND e.revision = s.revision
       WHERE s.bin = ? AND s.revision >= ? ORDER BY s.revision LIMIT ?`,
    );
  }

  /** Scores each admitted event (in log order, inside the projection's transaction). */
  apply(events: readonly EntityEvent[]): void {
    const rows: (string | number)[][] = [];
    const touched = new Map<string, RunningScore>();
    let recordedText = '';
    let recordedAt = 0;
    for (const event of events) {
      if (event.recordedAt !== recordedText)
        [recordedText, recordedAt] = [event.recordedAt, Date.parse(event.recordedAt)];
      let running = touched.get(event.bin) ?? this.runningBefore(event);
      if (running.revision !== event.revision - 1) running = this.runningBefore(event);
      if (isAmendment(event.event) || recordedAt < running.timeline.now) {
        // a retraction or correction changes the past, and a clock set back moves time back:
        // the running score starts again, from the facts as they stand now
        running = this.startAt(event, recordedAt);
      } else {
        running.timeline.add(event);
        running.timeline.advanceTo(recordedAt);
        running.facts++;
      }
      running.revision = event.revision;
      const now = running.timeline.regular
        ? running.timeline.score()
        : scoreRecord(
            replay([...this.entities.eventsBefore(event.bin, event.revision), event]),
            recordedAt,
            this.methodology,
          );
      if (running.last?.score !== now.score || running.last.grade !== now.grade) {
        rows.push([event.bin, event.revision, now.score, now.grade]);
        running.last = now;
      }
      touched.set(event.bin, running);
    }
    this.insert.run(rows);
    for (const [bin, running] of touched) this.running.set(bin, running);
  }

  /** A page of the entity's score changes, from `fromRevision` on. */
  page(bin: string, fromRevision: number, limit: number): ScoreChange[] {
    return this.selectPage.all(bin, fromRevision, limit) as unknown as ScoreChange[];
  }

  /** Forgets the running scores kept in memory: after a transaction that moved them was rolled back. */
  forgetRunning(): void {
    this.running.clear();
  }

  /** The running score just before the event: kept here, or started again from the entity's stored events. */
  private runningBefore(event: EntityEvent): RunningScore {
    const kept = this.running.peek(event.bin);
    if (kept !== undefined && kept.revision === event.revision - 1) return kept;
    const earlier = this.entities.eventsBefore(event.bin, event.revision);
    const previous = earlier.at(-1);
    return this.started(earlier, previous === undefined ? undefined : Date.parse(previous.recordedAt), event);
  }

  /** A running score that starts again at `instant`, with every event up to this one. */
  private startAt(event: EntityEvent, instant: number): RunningScore {
    const running = this.started([...this.entities.eventsBefore(event.bin, event.revision), event], instant, event);
    return { ...running, revision: event.revision };
  }

  /** A running score of the facts as the events leave them, at `instant`. */
  private started(events: readonly EntityEvent[], instant: number | undefined, next: EntityEvent): RunningScore {
    const timeline = new ScoreTimeline(this.methodology);
    const facts = events.some((e) => isAmendment(e.event)) ? factsOf(replay(events)) : events;
    for (const fact of facts) timeline.add(fact);
    if (instant !== undefined) timeline.advanceTo(instant);
    const last = this.selectLast.get(next.bin, next.revision) as { score: number; grade: Grade } | undefined;
    return { timeline, revision: next.revision - 1, facts: facts.length, last };
  }
}
