/**
 * Installs the peer baseline (emmett's SQLite event store, bench/peer/) on first use.
 *
 * The peer is a package of its own, kept out of the main install: it brings sqlite3, a
 * native module that has no usable prebuilt binary here and is compiled from source. That
 * compile must use the headers of the Node that will load it, and the npm default here does
 * not (~/.npmrc sets nodedir=/usr, the system Node 20's headers), so this picks headers whose
 * major version matches the running Node and hands them to node-gyp through the environment.
 */
import { spawn, type SpawnOptions } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

const PEER_DIR = join('bench', 'peer');
const BENCH_SCRIPT = 'emmett-bench.mjs';
/** Present once `npm install` in bench/peer has completed, native build included. */
const INSTALLED_MARKERS = [
  join('node_modules', '@event-driven-io', 'emmett-sqlite', 'package.json'),
  join('node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'),
];

/**
 * The absolute path of the peer's benchmark script, after installing bench/peer if it is not
 * installed yet. Paths are relative to the working directory, the repository root under npm.
 */
export async function ensurePeerInstalled(): Promise<string> {
  const peerDir = join(process.cwd(), PEER_DIR);
  const script = join(peerDir, BENCH_SCRIPT);
  if (INSTALLED_MARKERS.every((marker) => existsSync(join(peerDir, marker)))) return script;

  const nodeDir = findNodeHeaders();
  const env = {
    ...process.env,
    // Overrides the user config's nodedir: node-gyp compiles sqlite3 against these headers.
    npm_config_nodedir: nodeDir,
    // npm's `#!/usr/bin/env node` and the install scripts must run this Node, not the system's.
    PATH: [dirname(process.execPath), process.env.PATH].filter(Boolean).join(delimiter),
  };
  console.log(
    `One-time install of the emmett peer baseline into ${PEER_DIR} (npm install, compiles sqlite3 from source against ${nodeDir}: about 2 minutes)...`,
  );
  await run('npm', ['install', '--no-audit', '--no-fund'], { cwd: peerDir, env, stdio: 'inherit' });
  // Fail here, with the loader's own message, rather than in the middle of a benchmark.
  await run(process.execPath, ['--input-type=module', '-e', "await import('@event-driven-io/emmett-sqlite')"], {
    cwd: peerDir,
    env,
    stdio: 'inherit',
  });
  return script;
}

/**
 * A directory whose include/node/node_version.h is of the running Node's major version, the
 * layout npm's nodedir expects. Candidates: an explicit npm_config_nodedir; the platform
 * package of the `node` devDependency (the Node that runs the project, headers included) as a
 * fresh install lays it out, nested or hoisted; the prefix of the running executable (an
 * official Node install); node-gyp's own header cache.
 */
function findNodeHeaders(): string {
  const major = Number(process.versions.node.split('.')[0]);
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const platformPackage = `${platform === 'darwin' && process.arch === 'arm64' ? 'node-bin' : 'node'}-${platform}-${process.arch}`;
  const candidates = [
    process.env.npm_config_nodedir,
    join(process.cwd(), 'node_modules', 'node', 'node_modules', platformPackage),
    join(process.cwd(), 'node_modules', platformPackage),
    dirname(dirname(process.execPath)),
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'node-gyp', process.versions.node),
  ].filter((dir): dir is string => !!dir);
  const found = candidates.find((dir) => headersMajor(dir) === major);
  if (found !== undefined) return found;
  throw new Error(
    `No Node ${major} headers to compile sqlite3 for the peer baseline: none of ${candidates
      .map((dir) => `${dir} (${headersMajor(dir) ?? 'no include/node/node_version.h'})`)
      .join(', ')} has include/node/node_version.h of major ${major}. A fresh \`npm ci\` lays them out in ` +
      `node_modules/node/node_modules/${platformPackage}; a later \`npm install\` prunes that package, which ` +
      `\`cd node_modules/node && npm install --no-save ${platformPackage}@${process.versions.node}\` restores. ` +
      `Or set npm_config_nodedir to a Node ${major} installation prefix.`,
  );
}

function headersMajor(dir: string): number | undefined {
  const header = join(dir, 'include', 'node', 'node_version.h');
  if (!existsSync(header)) return undefined;
  const match = /^#define NODE_MAJOR_VERSION (\d+)/m.exec(readFileSync(header, 'utf8'));
  return match ? Number(match[1]) : undefined;
}

function run(command: string, args: string[], options: SpawnOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    spawn(command, args, options)
      .on('error', reject)
      .on('close', (code, signal) =>
        code === 0
          ? resolve()
          : reject(
              new Error(`${command} ${args.join(' ')} (in ${String(options.cwd)}) failed: ${signal ?? `exit ${code}`}`),
            ),
      );
  });
}
