/** One append as the server function takes it: the events already as ids, types and JSON text. */
export interface AppendRequest {
  readonly streamId: string;
  /** `any`, `no_stream`, `stream_exists` or the exact revision, as text. */
  readonly expected: string;
  readonly ids: readonly string[];
  readonly types: readonly string[];
  readonly data: readonly string[];
  readonly metadata: readonly (string | null)[];
}

/** What the server answered for one append of a group. */
export interface AppendOutcome {
  /** The stream's revision before the append (null: no stream). */
  readonly actual: number | null;
  /** Null when nothing was written: the expectation failed, or an id was stored already. */
  readonly lastRevision: number | null;
  readonly lastPosition: string | null;
  /** An id of the batch is stored already (nothing was written). */
  readonly duplicate: boolean;
}

/** Appends a group in one transaction, answering each in order. */
export type CommitGroup = (requests: readonly AppendRequest[]) => Promise<AppendOutcome[]>;

const MAX_EVENTS_PER_GROUP = 5_000;

/**
 * Group commit for a server: appends submitted while none is in flight leave together at the
 * next turn of the event loop; those submitted while one is in flight leave together when it
 * returns. Every append commits one at a time on the server (that is the order's price), so a
 * process under load puts many appends in each commit instead of queueing for the lock one by
 * one. Each append of a group stands or fails on its own expectation; should the group's call
 * fail (a connection lost, data the server refused), each append is tried again alone, so one
 * cannot take the others with it.
 */
export class AppendBatcher {
  private pending: { request: AppendRequest; resolve: (o: AppendOutcome) => void; reject: (e: unknown) => void }[] = [];
  private inFlight?: Promise<void>;
  private scheduled = false;

  constructor(private readonly commit: CommitGroup) {}

  submit(request: AppendRequest): Promise<AppendOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ request, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once every append submitted so far has been answered. */
  async drain(): Promise<void> {
    while (this.inFlight !== undefined || this.pending.length > 0) {
      if (this.inFlight === undefined) this.flush();
      await this.inFlight;
    }
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight !== undefined) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.inFlight !== undefined || this.pending.length === 0) return;
    let events = 0;
    let take = 0;
    while (
      take < this.pending.length &&
      (take === 0 || events + this.pending[take].request.ids.length <= MAX_EVENTS_PER_GROUP)
    ) {
      events += this.pending[take++].request.ids.length;
    }
    const group = this.pending.splice(0, take);
    this.inFlight = this.send(group).finally(() => {
      this.inFlight = undefined;
      if (this.pending.length > 0) this.schedule();
    });
  }

  private async send(group: AppendBatcher['pending']): Promise<void> {
    try {
      const outcomes = await this.commit(group.map((entry) => entry.request));
      group.forEach((entry, i) => entry.resolve(outcomes[i]));
    } catch (error) {
      if (group.length === 1) return group[0].reject(error);
      for (const entry of group) {
        await this.commit([entry.request]).then(([outcome]) => entry.resolve(outcome), entry.reject);
      }
    }
  }
}
