import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { REGISTER_VIEW_FORMAT, type Methodology } from '#domain';
import type { ComplianceEventLog } from '#event-log';
import type { Position, RecordedEvent } from '#event-store';
import type { Logger, Phase, Projection } from '../runner/projection-runner.js';
import { CHANGES_SCHEMA, ChangesModel } from './changes/changes.model.js';
import { admitContinuing } from './entity-records/continuity.js';
import { arrivingEvents } from './entity-records/entity-event.js';
import { ENTITY_RECORDS_SCHEMA, EntityRecordsModel } from './entity-records/entity-records.model.js';
import { QUARANTINE_SCHEMA, QuarantineRegister } from './entity-records/quarantine.js';
import { ReadModelDatabase, type Derivation } from './read-model-database.js';
import { RATINGS_SCHEMA, RatingsModel } from './register/ratings.model.js';
import { RegisterViews } from './register/register-views.js';
import { SCORE_HISTORY_SCHEMA, ScoreHistoryModel } from './score-history/score-history.model.js';

/**
 * The version of how the read models are derived: raise it with any change to a table or to
 * what a model computes from the events, and every read-model file is replayed at start-up.
 */
export const READ_MODELS_FORMAT = 3;

/** Ratings rated per turn of the event loop by the ratings clock and after catching up. */
const RATING_CHUNK = 200;
/** How often the ratings clock looks for views that time alone has changed. */
const CLOCK_MS = 1000;

/** The tables of every read model, and a fingerprint of everything they are derived with. */
export function readModelsDerivation(methodology: Methodology): Derivation {
  const schema = [ENTITY_RECORDS_SCHEMA, QUARANTINE_SCHEMA, RATINGS_SCHEMA, CHANGES_SCHEMA, SCORE_HISTORY_SCHEMA].join(
    '\n',
  );
  const settings = canonicalize({ format: READ_MODELS_FORMAT, view: REGISTER_VIEW_FORMAT, schema, methodology }) ?? '';
  return { schema, fingerprint: createHash('sha256').update(settings).digest('hex') };
}

/**
 * The read models, fed as one projection: each page of the log is admitted (entities whose
 * stream does not continue are set aside), then kept by every model, and the checkpoint moved,
 * in one transaction. Reads never write here; the ratings clock is the one other writer, for
 * views that time alone changes.
 */
export class ReadModels implements Projection {
  readonly quarantine: QuarantineRegister;
  readonly entities: EntityRecordsModel;
  readonly ratings: RatingsModel;
  readonly changes: ChangesModel;
  readonly scoreHistory: ScoreHistoryModel;
  readonly registerViews: RegisterViews;
  private clock?: NodeJS.Timeout;
  private rating?: Promise<void>;

  constructor(
    readonly database: ReadModelDatabase,
    private readonly log: ComplianceEventLog,
    methodology: Methodology,
    private readonly logger: Logger,
  ) {
    const { db } = database;
    this.quarantine = new QuarantineRegister(db);
    this.entities = new EntityRecordsModel(db);
    this.ratings = new RatingsModel(db, this.entities, methodology);
    this.changes = new ChangesModel(db);
    this.scoreHistory = new ScoreHistoryModel(db, this.entities, methodology);
    this.registerViews = new RegisterViews(this.ratings, this.entities, this.quarantine, methodology);
  }

  /** Opens the read models in `filename`, emptied first if they were derived otherwise. */
  static open(
    filename: string,
    log: ComplianceEventLog,
    methodology: Methodology,
    logger: Logger,
    options: { bulk?: boolean } = {},
  ): ReadModels {
    const database = ReadModelDatabase.open(filename, readModelsDerivation(methodology), options);
    if (database.reset) logger.log(`Read models emptied, to be replayed from the log: ${database.reset}`);
    return new ReadModels(database, log, methodology, logger);
  }

  checkpoint(): Position | undefined {
    return this.database.checkpoint();
  }

  apply(events: readonly RecordedEvent[], phase: Phase): void {
    const arriving = arrivingEvents(events, this.log);
    try {
      this.database.applyAndCheckpoint(events[events.length - 1].position, () => {
        const { admitted, lastHashes } = admitContinuing(arriving, this.entities, this.quarantine, this.logger);
        this.entities.store(admitted, lastHashes);
        this.changes.apply(admitted);
        this.scoreHistory.apply(admitted);
        const now = Date.now();
        for (const bin of new Set(admitted.map((event) => event.bin))) {
          if (phase === 'live') this.ratings.rate(bin, now);
          else this.ratings.markDue(bin);
        }
      });
    } catch (error) {
      this.forgetKeptInMemory();
      throw error;
    }
  }

  /** After catching up: every entity left due is rated before the read models count as ready. */
  async caughtUp(): Promise<void> {
    await this.rateDue(Date.now());
  }

  /** Starts the ratings clock: views that time alone has changed are rated again, within a second. */
  startClock(): void {
    this.clock ??= setInterval(() => void this.rateDue(Date.now()), CLOCK_MS).unref();
  }

  async close(): Promise<void> {
    clearInterval(this.clock);
    this.clock = undefined;
    await this.rating;
    this.database.close();
  }

  /** Rates what is due by `now`, a chunk per transaction and per turn of the event loop, so requests keep flowing. */
  rateDue(now: number): Promise<void> {
    if (this.rating === undefined) {
      // the first chunk runs now: with nothing due, the caller waits no turn of the event loop
      const run = this.rateInChunks(now);
      this.rating = run;
      void run.finally(() => {
        if (this.rating === run) this.rating = undefined;
      });
    }
    return this.rating;
  }

  private async rateInChunks(now: number): Promise<void> {
    try {
      while (this.database.db.isOpen) {
        const rated = this.database.transaction(() => this.ratings.rateDue(RATING_CHUNK, now));
        if (rated < RATING_CHUNK) return;
        await nextTurn();
      }
    } catch (error) {
      this.forgetKeptInMemory();
      this.logger.error(
        `Rating failed; the ratings clock tries again: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** What memory holds beside the file may be ahead of it after a rollback: read it from the file again. */
  private forgetKeptInMemory(): void {
    this.quarantine.reload();
    this.entities.forgetCached();
    this.ratings.forgetMirrored();
    this.scoreHistory.forgetRunning();
  }
}
