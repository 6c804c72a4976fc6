import { Controller, Get, Inject, Query, Req, Res, type BeforeApplicationShutdown } from '@nestjs/common';
import { RegisterReads } from '../../access/access.decorator.js';
import { ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiSuccess, ApiSummary, schemaRef } from '../../openapi/operations.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RegisterView } from '#domain';
import type { Position } from '#event-store';
import { ProjectionRunner, ReadModels, type Change } from '#projections';
import { ReadYourWrites } from '../../read-side/read-your-writes.js';
import { ChangesQuery } from '../query.requests.js';
import type { Caller } from '../../access/key-ring.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/app-config.module.js';
import { Metrics } from '../../metrics/metrics.js';
import { oneStart, pageCursor, placeOf } from '../paging/page-cursor.js';
import { StreamAllowance } from './stream-allowance.js';

const DEFAULT_PAGE = 100;
const HEARTBEAT_MS = 15_000;

interface ChangedView {
  readonly position: Position;
  readonly bin: string;
  readonly view: RegisterView;
}

/**
 * Which register views changed, in log order, each with its current view: a page at a time,
 * or (`follow=true`) as server-sent events that keep coming as the read models move on.
 */
@RegisterReads()
@ApiTags('register')
@Controller('v1/register/changes')
export class RegisterChangesController implements BeforeApplicationShutdown {
  private readonly streams = new Set<ServerResponse>();
  private readonly allowance: StreamAllowance;

  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(ProjectionRunner) private readonly projections: ProjectionRunner,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(Metrics) private readonly metrics: Metrics,
  ) {
    this.allowance = new StreamAllowance(config.streamsPerKey, config.streamsPerAddress);
  }

  /** Open streams would hold the server open: end them, clients reconnect with their last id. */
  beforeApplicationShutdown(): void {
    for (const stream of this.streams) stream.end();
  }

  @Get()
  @ApiSummary(
    'Which register views changed, in log order, each with its view now',
    'A page at a time (send `next` back as `cursor`), or with `follow=true` as server-sent events (`event: change`, `id: <position>`, `data: <RegisterChange>`), live, resumed with `Last-Event-ID`. Streams are capped per key and per address.',
  )
  @ApiSuccess('RegisterChangesPage', {
    description: 'A page of changes; with follow=true, a stream of them',
    content: {
      'application/json': { schema: schemaRef('RegisterChangesPage') },
      'text/event-stream': {
        schema: {
          type: 'string',
          description: 'Server-sent events: each `change` event carries a RegisterChange as its data',
          'x-event-data': schemaRef('RegisterChange'),
        },
      },
    },
  })
  @ApiProblems([429, 503], { also: ['too-many-streams', 'read-models-behind'] })
  async feed(
    @Query() { after, cursor, limit = DEFAULT_PAGE, follow = false, minPosition }: ChangesQuery,
    @Req() request: FastifyRequest & { principal?: Caller },
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    oneStart('after', after, cursor);
    // a stream is claimed before anything is awaited, so a burst of requests cannot overrun the allowance
    const release = follow ? this.allowance.claim(request.principal?.id ?? '', request.ip) : undefined;
    try {
      await this.readYourWrites.reach(minPosition);
      const from = await this.startOf(request, after, cursor);
      if (release !== undefined) return this.stream(from, reply, release);
      const page = this.readModels.changes.after(from, limit);
      return page.scannedUpTo === undefined
        ? { changes: [] }
        : { changes: this.views(page.changes), next: pageCursor('changes', page.scannedUpTo) };
    } catch (error) {
      release?.();
      throw error;
    }
  }

  /** Where the feed resumes: a reconnecting stream's Last-Event-ID, a page's cursor, or `after`. */
  private async startOf(
    request: FastifyRequest,
    after: string | undefined,
    cursor: string | undefined,
  ): Promise<Position | undefined> {
    const lastEventId = request.headers['last-event-id'];
    if (typeof lastEventId === 'string') return this.readYourWrites.logPosition('Last-Event-ID', lastEventId);
    if (cursor !== undefined) return this.readYourWrites.logPosition('cursor', placeOf('changes', cursor));
    return after === undefined ? undefined : this.readYourWrites.logPosition('after', after);
  }

  /** Each changed entity with its view now; an entity withheld since is left out. */
  private views(changes: readonly Change[]): ChangedView[] {
    const now = Date.now();
    return changes.flatMap(({ position, bin }) => {
      const current = this.readModels.registerViews.current(bin, now);
      return current === undefined || 'withheld' in current
        ? []
        : [{ position, bin, view: JSON.parse(current.json) as RegisterView }];
    });
  }

  /**
   * Server-sent events: one `change` event per changed view, `id` its position (a reconnecting
   * client sends it back as Last-Event-ID). Pages are sent one turn of the event loop at a
   * time and wait for the socket to drain, so a long history or a slow client blocks nobody.
   */
  private stream(after: Position | undefined, reply: FastifyReply, release: () => void): void {
    reply.hijack();
    const raw = reply.raw;
    raw.once('close', release);
    if (raw.destroyed) return release(); // the client left while we waited for minPosition
    raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    raw.write(': following the register changes\n\n'); // sends the headers now, not with the first change
    this.streams.add(raw);
    this.metrics.openStreams.inc();

    let cursor = after;
    let sending = false;
    let more = false;
    const send = async (): Promise<void> => {
      if (sending) {
        more = true;
        return;
      }
      sending = true;
      try {
        do {
          more = false;
          for (;;) {
            const page = this.readModels.changes.after(cursor, DEFAULT_PAGE);
            for (const change of this.views(page.changes)) {
              if (raw.destroyed) return;
              if (!raw.write(`id: ${change.position}\nevent: change\ndata: ${JSON.stringify(change)}\n\n`)) {
                await new Promise((resolve) => raw.once('drain', resolve).once('close', resolve));
              }
            }
            if (page.scannedUpTo === cursor || page.scannedUpTo === undefined) break;
            cursor = page.scannedUpTo;
            await nextTurn();
          }
        } while (more && !raw.destroyed);
      } finally {
        sending = false;
      }
    };
    const stopFollowing = this.projections.onApplied(() => void send());
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    raw.once('close', () => {
      clearInterval(heartbeat);
      stopFollowing();
      this.streams.delete(raw);
      this.metrics.openStreams.dec();
    });
    void send();
  }
}
