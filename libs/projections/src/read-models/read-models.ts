import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { REGISTER_VIEW_FORMAT, type Methodology } from '#domain';
import { canonicalJson, type ComplianceEventLog } from '#event-log';
import type { Position, RecordedEvent } from '#event-store';
import type { Logger, Projection } from '../runner/projection-runner.js';
import { CHANGES_SCHEMA, ChangesModel } from './changes/changes.model.js';
import { admitContinuing } from './entity-records/continuity.js';
import { arrivingEvents } from './entity-records/entity-event.js';
import {
  ENTITY_RECORDS_SCHEMA,
  EntityRecordsModel,
  type EntityHistory,
} from './entity-records/entity-records.model.js';
import { QUARANTINE_SCHEMA, QuarantineRegister } from './entity-records/quarantine.js';
import { LIFETIME_BAN_SCHEMA, LifetimeBanModel } from './lifetime-ban/lifetime-ban.model.js';
import { ReadModelDatabase, type Derivation } from './read-model-database.js';
import { RATINGS_SCHEMA, RatingsModel } from './register/ratings.model.js';
import { RegisterViews } from './register/register-views.js';
import { SCORE_HISTORY_SCHEMA, ScoreHistoryModel } from './score-history/score-history.model.js';

/**
 * The version of how the read models are derived: raise it with any change to a table or to
 * what a model computes from the events, and every read-model file is replayed at start-up.
 */
export const READ_MODELS_FORMAT = 7;

/** Ratings rated per turn of the event loop by the ratings clock and after catching up. */
const RATING_CHUNK = 200;
/** Stored register views mirrored in memory per turn of the event loop at start-up. */
const MIRROR_PAGE = 1000;
/** How often the ratings clock rates what is due. */
const CLOCK_MS = 1000;

export interface ReadModelsOptions {
  /**
   * A build from the whole log into a file thrown away unless complete (a rebuild): written
   * without a journal, and each entity rated as its history leaves memory, rather than all of
   * them read back from the file once caught up.
   */
  readonly bulk?: boolean;
  /** How many events memory keeps parsed (see EntityRecordsModel); the default suits production. */
  readonly cachedEvents?: number;
}

/** The tables of every read model, and a fingerprint of everything they are derived with. */
export function readModelsDerivation(methodology: Methodology): Derivation {
  const schema = [
    ENTITY_RECORDS_SCHEMA,
    QUARANTINE_SCHEMA,
    RATINGS_SCHEMA,
    CHANGES_SCHEMA,
    SCORE_HISTORY_SCHEMA,
    LIFETIME_BAN_SCHEMA,
  ].join('\n');
  const settings = canonicalJson({ format: READ_MODELS_FORMAT, view: REGISTER_VIEW_FORMAT, schema, methodology });
  return { schema, fingerprint: createHash('sha256').update(settings).digest('hex') };
}

/**
 * The read models, fed as one projection: each page of the log is admitted (entities whose
 * stream does not continue are set aside), then kept by every model, and the checkpoint moved,
 * in one transaction. Reads never write here; the ratings clock is the one other writer: it
 * rates the entities whose events arrived (each once, however many arrived) and those whose
 * view time alone has changed.
 */
export class ReadModels implements Projection {
  readonly quarantine: QuarantineRegister;
  readonly entities: EntityRecordsModel;
  readonly ratings: RatingsModel;
  readonly changes: ChangesModel;
  readonly scoreHistory: ScoreHistoryModel;
  readonly lifetimeBan: LifetimeBanModel;
  readonly registerViews: RegisterViews;
  private clock?: NodeJS.Timeout;
  private rating?: Promise<void>;
  /** The position up to which every entity's rating includes its events (the list's read-your-writes). */
  private ratedUpTo: Position | undefined;
  private ratingWaiters: { position: Position; resolve: () => void }[] = [];
  /** In a bulk build: the entities that left memory during the page being applied, to be rated at its end. */
  private leftMemory: EntityHistory[] = [];

  constructor(
    readonly database: ReadModelDatabase,
    private readonly log: ComplianceEventLog,
    methodology: Methodology,
    private readonly logger: Logger,
    { bulk = false, cachedEvents }: ReadModelsOptions = {},
  ) {
    const { db } = database;
    this.quarantine = new QuarantineRegister(db);
    this.entities = new EntityRecordsModel(db, {
      cachedEvents,
      onEvicted: bulk ? (history) => this.leftMemory.push(history) : undefined,
    });
    this.lifetimeBan = new LifetimeBanModel(db, this.entities);
    this.ratings = new RatingsModel(db, this.entities, this.lifetimeBan, methodology);
    this.changes = new ChangesModel(db);
    this.scoreHistory = new ScoreHistoryModel(db, this.entities, methodology);
    this.registerViews = new RegisterViews(this.ratings, this.entities, this.lifetimeBan, this.quarantine, methodology);
  }

  /** Opens the read models in `filename`, emptied first if they were derived otherwise. */
  static open(
    filename: string,
    log: ComplianceEventLog,
    methodology: Methodology,
    logger: Logger,
    options: ReadModelsOptions = {},
  ): ReadModels {
    const database = ReadModelDatabase.open(filename, readModelsDerivation(methodology), { bulk: options.bulk });
    if (database.reset) logger.log(`Read models emptied, to be replayed from the log: ${database.reset}`);
    return new ReadModels(database, log, methodology, logger, options);
  }

  checkpoint(): Position | undefined {
    return this.database.checkpoint();
  }

  /** How many events of the log the read models have applied (see `ReadModelDatabase.logSize`). */
  logSize(): number {
    return this.database.logSize();
  }

  apply(events: readonly RecordedEvent[]): void {
    const arriving = arrivingEvents(events, this.log);
    try {
      this.database.applyAndCheckpoint(events[events.length - 1].position, events.length, () => {
        const { admitted, lastHashes } = admitContinuing(arriving, this.entities, this.quarantine, this.logger);
        this.entities.store(admitted, lastHashes);
        // a conviction changes the view of every entity where the person holds office
        const elsewhere = [...this.lifetimeBan.apply(admitted)]
          .filter(([bin]) => this.quarantine.of(bin) === undefined)
          .map(([bin, position]) => ({ position, bin }));
        this.changes.apply(admitted, elsewhere);
        this.scoreHistory.apply(admitted);
        // rated by the ratings clock (once however many of its events a second brings), or
        // once caught up; reads compute the view of an entity due meanwhile
        for (const bin of new Set([...admitted, ...elsewhere].map((change) => change.bin))) this.ratings.markDue(bin);
        this.rateWhatLeftMemory();
      });
    } catch (error) {
      this.forgetKeptInMemory();
      throw error;
    }
  }

  /** After catching up: every entity left due is rated before the read models count as ready. */
  async caughtUp(): Promise<void> {
    await this.rateDue(Date.now(), { keep: false });
  }

  /**
   * Resolves true once every rating includes the events up to `position` (what the register list,
   * filtered by stored ratings, needs for read-your-writes), false after `timeoutMs`.
   */
  ratingsReached(position: Position, timeoutMs: number): Promise<boolean> {
    if (this.ratedUpTo !== undefined && this.ratedUpTo >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { position, resolve: () => resolve(true) };
      this.ratingWaiters.push(waiter);
      setTimeout(() => {
        this.ratingWaiters = this.ratingWaiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs).unref();
    });
  }

  /** Starts the ratings clock: entities with new events, and views that time alone has changed, are rated within a second. */
  startClock(): void {
    this.clock ??= setInterval(() => void this.rateDue(Date.now()), CLOCK_MS).unref();
  }

  /**
   * Fills the memory that `GET /v1/register/{bin}` is served from with the stored views, a page
   * per turn of the event loop, so that requests keep flowing meanwhile: without it, each
   * entity's first request of the process reads the file (at 100,000 entities, most requests of
   * the first minutes). Answers how many views memory then holds.
   */
  async mirrorRegisterViews(): Promise<number> {
    for (let after: string | undefined = ''; after !== undefined && this.database.db.isOpen;) {
      after = this.ratings.mirrorStoredAfter(after, MIRROR_PAGE);
      await nextTurn();
    }
    return this.ratings.mirroredCount;
  }

  async close(): Promise<void> {
    clearInterval(this.clock);
    this.clock = undefined;
    await this.rating;
    this.database.close();
  }

  /**
   * Rates what is due by `now`, a chunk per transaction and per turn of the event loop, so
   * requests keep flowing. The clock keeps the entities it rates in memory (they are the ones
   * being written); the sweep after catching up does not.
   */
  rateDue(now: number, { keep = true }: { keep?: boolean } = {}): Promise<void> {
    if (this.rating === undefined) {
      // the first chunk runs now: with nothing due, the caller waits no turn of the event loop
      const run = this.rateInChunks(now, keep);
      this.rating = run;
      void run.finally(() => {
        if (this.rating === run) this.rating = undefined;
      });
    }
    return this.rating;
  }

  private async rateInChunks(now: number, keep: boolean): Promise<void> {
    // what was due when the run started is rated by its end (later arrivals are rated too)
    const applied = this.database.checkpoint();
    try {
      while (this.database.db.isOpen) {
        const rated = this.database.transaction(() => this.ratings.rateDue(RATING_CHUNK, now, { keep }));
        if (rated < RATING_CHUNK) break;
        await nextTurn();
      }
      this.ratedUpTo = applied;
      const reached = this.ratingWaiters.filter((w) => applied !== undefined && applied >= w.position);
      this.ratingWaiters = this.ratingWaiters.filter((w) => !reached.includes(w));
      for (const waiter of reached) waiter.resolve();
    } catch (error) {
      this.forgetKeptInMemory();
      this.logger.error(
        `Rating failed; the ratings clock tries again: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * Rates the entities whose histories left memory during this page, from those histories,
   * once every model has applied the page: an entity whose events or office holders' convictions
   * change later is marked due again and rated again.
   */
  private rateWhatLeftMemory(): void {
    if (this.leftMemory.length === 0) return;
    const now = Date.now();
    for (const history of this.leftMemory) {
      // back in memory since (rated when it leaves again, or once caught up), or events of this
      // page arrived after it left: left due, rated from the file once caught up
      if (this.entities.isKept(history.bin) || this.entities.last(history.bin)?.revision !== history.revision) continue;
      this.ratings.rateHistory(history, now);
    }
    this.leftMemory = [];
  }

  /** What memory holds beside the file may be ahead of it after a rollback: read it from the file again. */
  private forgetKeptInMemory(): void {
    this.leftMemory = [];
    this.quarantine.reload();
    this.entities.forgetCached();
    this.ratings.forgetMirrored();
    this.scoreHistory.forgetRunning();
  }
}
