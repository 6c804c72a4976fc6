import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { RegisterView } from '#domain';
import type { Position } from '#event-store';
import { ChangesLog, type Change } from '../../read-models/changes.js';
import { RegisterViews } from '../../read-models/register-views.js';
import { ProjectionRunner } from '../../read-models/projection-runner.js';
import { ChangesQuery } from '../query.requests.js';
import { ReadYourWrites } from '../read-your-writes.js';

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
@ApiTags('register')
@Controller('v1/register/changes')
export class RegisterChangesController {
  constructor(
    private readonly changes: ChangesLog,
    private readonly registerViews: RegisterViews,
    private readonly projections: ProjectionRunner,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @ApiProduces('application/json', 'text/event-stream')
  @ApiOperation({
    summary: 'Changed register views after ?after=<position>; ?follow=true streams them (server-sent events)',
  })
  async feed(
    @Query() { after, limit = DEFAULT_PAGE, follow = false, minPosition }: ChangesQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (minPosition !== undefined) await this.readYourWrites.reach(minPosition as Position);
    if (follow) return this.stream(after as Position | undefined, reply);
    const page = this.changes.after(after as Position | undefined, limit);
    return { changes: this.views(page.changes), next: page.scannedUpTo ?? null };
  }

  private views(changes: readonly Change[]): ChangedView[] {
    const now = Date.now();
    return changes.flatMap(({ position, bin }) => {
      const current = this.registerViews.current(bin, now);
      return current ? [{ position, bin, view: current.view }] : [];
    });
  }

  /** Server-sent events: one `change` event per changed view, `id` its position (resume with after=). */
  private stream(after: Position | undefined, reply: FastifyReply): void {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    raw.write(': following the register changes\n\n'); // sends the headers now, not with the first change
    let cursor = after;
    const drain = (): void => {
      for (;;) {
        const page = this.changes.after(cursor, DEFAULT_PAGE);
        for (const change of this.views(page.changes)) {
          raw.write(`id: ${change.position}\nevent: change\ndata: ${JSON.stringify(change)}\n\n`);
        }
        if (page.scannedUpTo === cursor || page.scannedUpTo === undefined) return;
        cursor = page.scannedUpTo;
      }
    };
    drain();
    const subscription = this.projections.applied.subscribe({ next: drain, complete: () => raw.end() });
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    raw.on('close', () => {
      clearInterval(heartbeat);
      subscription.unsubscribe();
    });
  }
}
