import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`), or the one CHROMIUM_PATH names. */
const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  (path): path is string => path !== undefined && path !== '',
);

/** Where a Chromium is, or why the browser tests cannot run here. */
export function findChromium(): { path: string } | { missing: string } {
  const path = CANDIDATES.find((candidate) => existsSync(candidate));
  return path === undefined
    ? { missing: `no Chromium at ${CANDIDATES.join(' or ')} (apt-get install -y chromium, or set CHROMIUM_PATH)` }
    : { path };
}

export function launchChromium(path: string): Promise<Browser> {
  return chromium.launch({
    executablePath: path,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
