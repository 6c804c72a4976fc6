import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { sendProblem } from '../http/problem-details/problem-details.filter.js';
import { ProblemError } from '../http/problem-details/problem.js';
import { CONSOLE_PATH } from './console-paths.js';

export interface ConsoleOptions {
  /** The console's build: index.html and assets/. */
  readonly dir: string;
  /** Whether the register is open to callers without a key (PUBLIC_REGISTER). */
  readonly publicRegister: boolean;
}

/** What the console wants to know before anyone signs in. */
export interface ConsoleSettings {
  readonly publicRegister: boolean;
}

const INDEX = 'index.html';
/** The build names every file of assets/ by a hash of its content: a name never changes content. */
const HASHED_ASSETS = 'assets/';
const KEEP_FOREVER = 'public, max-age=31536000, immutable';
/** index.html names the current assets: a browser asks again each time, so a new build is seen at once. */
const ASK_EACH_TIME = 'no-cache';

/** No inline style or script: the console's own policy would refuse them. */
const NOT_BUILT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Console not built</title></head>
<body>
<h1>The console is not built</h1>
<p>Run <code>npm run build</code> in the repository, then reload this page (or set <code>CONSOLE_DIR</code> to the folder of a build).</p>
</body>
</html>
`;

/**
 * Serves the console, a single-page application built to plain files, at /console/: its files as
 * they are, any other path under it (a deep link: /console/entities/081140000436) as index.html,
 * for the application's own router to show. What is decided on each request, not at start-up: a
 * console built while the service runs is served without a restart. Not part of the API document.
 */
export function serveConsole(app: NestFastifyApplication, options: ConsoleOptions): void {
  const logger = new Logger('Console');
  const settings: ConsoleSettings = { publicRegister: options.publicRegister };
  void app
    .getHttpAdapter()
    .getInstance()
    .register(async (scope) => {
      // only for reply.sendFile (ranges, ETag, media types); the routes are ours
      await scope.register(fastifyStatic, { serve: false, dotfiles: 'deny' });
      scope.get(CONSOLE_PATH, (request, reply) => reply.redirect(`${CONSOLE_PATH}/${queryOf(request.url)}`, 302));
      scope.get(`${CONSOLE_PATH}/settings.json`, (_request, reply) =>
        reply.header('cache-control', ASK_EACH_TIME).send(settings),
      );
      scope.get(`${CONSOLE_PATH}/*`, (request, reply) => answer(request, reply, options.dir, logger));
    });
}

async function answer(
  request: FastifyRequest,
  reply: FastifyReply,
  dir: string,
  logger: Logger,
): Promise<FastifyReply> {
  const wanted = (request.params as { '*': string })['*'];
  if (!(await isFileIn(dir, INDEX))) {
    return reply.status(404).type('text/html; charset=utf-8').header('cache-control', ASK_EACH_TIME).send(NOT_BUILT);
  }
  if (await isFileIn(dir, wanted)) {
    const hashed = wanted.startsWith(HASHED_ASSETS);
    return reply
      .header('cache-control', hashed ? KEEP_FOREVER : ASK_EACH_TIME)
      .sendFile(wanted, dir, { cacheControl: false });
  }
  if (wanted.startsWith(HASHED_ASSETS)) {
    // a script or style that is not there must fail as such, not arrive as a page of HTML
    sendProblem(new ProblemError('not-found', 'The console has no such file'), request, reply, logger);
    return reply;
  }
  return reply.header('cache-control', ASK_EACH_TIME).sendFile(INDEX, dir, { cacheControl: false });
}

/**
 * Whether `wanted` (a path relative to the folder, as the URL gave it) names a file inside it.
 * Empty and dot segments (`..`, `.env`) name nothing: nothing outside the build, or hidden in it,
 * is ever served.
 */
async function isFileIn(dir: string, wanted: string): Promise<boolean> {
  if (wanted.split('/').some((segment) => segment === '' || segment.startsWith('.'))) return false;
  const path = resolve(dir, wanted);
  if (!path.startsWith(dir + sep)) return false;
  const found = await stat(path).catch(() => undefined);
  return found?.isFile() ?? false;
}

function queryOf(url: string): string {
  const at = url.indexOf('?');
  return at === -1 ? '' : url.slice(at);
}
