import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createKey } from '../../apps/compliance-api/src/access/api-keys.js';
import { cli } from '../process/cli-process.js';
import { checkpointKeyFile } from '../process/checkpoint-key.js';
import { startService, waitUntilHealthy, type ServiceProcess } from '../process/service-process.js';
import { isSerious, wcagViolations, type Violation } from './accessibility.js';
import { findChromium, launchChromium } from './chromium.js';

const chromiumFound = findChromium();
if ('missing' in chromiumFound) console.warn(`Browser tests skipped: ${chromiumFound.missing}`);
const describeInBrowser = 'path' in chromiumFound ? describe : describe.skip;

const SCREENSHOTS = join(process.cwd(), 'docs/screenshots');

/**
 * The console in a real browser (Debian's Chromium through playwright-core), against the real
 * service on the demo register: one journey per kind of user, axe-core on every page, and the
 * README's screenshots taken on the way.
 */
describeInBrowser('the console, in a browser', () => {
  let dataDir: string;
  let service: ServiceProcess;
  let browser: Browser;
  const keys: Record<'officer' | 'auditor' | 'registry' | 'admin', string> = {
    officer: '',
    auditor: '',
    registry: '',
    admin: '',
  };
  let holding: { bin: string; name: string };
  /** The entity the journeys work on: a subsidiary of the holding without a valid certificate. */
  let subject: { bin: string; name: string };
  /** What axe-core found on each page visited. */
  const audited: { page: string; violations: Violation[] }[] = [];
  /** An instant after the certificate was recorded and before it was retracted. */
  let whileCertified: number;
  let scoreBefore: string;
  let scoreCertified: string;

  const api = async (path: string) => {
    const answer = await fetch(`${service.baseUrl}${path}`, { headers: { authorization: `Bearer ${keys.admin}` } });
    return answer.json() as Promise<Record<string, unknown>>;
  };

  /** Checks the page with axe-core and, when named, saves its screenshot for the README. */
  async function visit(page: Page, name: string, screenshot = false): Promise<void> {
    await page.waitForLoadState('networkidle');
    audited.push({ page: name, violations: await wcagViolations(page) });
    if (screenshot) await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
  }

  /** A page in a fresh context: a tab of its own, with no key of another journey's. */
  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    return context.newPage();
  }

  async function signIn(page: Page, key: string): Promise<void> {
    await page.goto(`${service.baseUrl}/console/`);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'console-browser-'));
    const seeded = cli(dataDir, 'seed', '--demo');
    expect(seeded.code).toBe(0);
    const keysFile = join(dataDir, 'keys.json');
    keys.admin = createKey(keysFile, 'console-admin', 'admin');
    keys.auditor = createKey(keysFile, 'console-auditor', 'auditor');
    keys.registry = createKey(keysFile, 'console-registry', 'registry');
    service = await startService({
      DATA_DIR: dataDir,
      API_KEYS_FILE: keysFile,
      NODE_ENV: 'production',
      CHECKPOINT_SIGNING_KEY_FILE: checkpointKeyFile(dataDir),
      LOG_LEVEL: 'warn',
    });
    await waitUntilHealthy(service, 60_000);
    const found = (await api('/v1/register?name=agrarian%20holding')) as { items: { bin: string; name: string }[] };
    holding = found.items[0];
    const subsidiaries = (await api(`/v1/register?holding=${holding.bin}&certified=false`)) as {
      items: { bin: string; name: string; parentBin: string | null }[];
    };
    subject = subsidiaries.items.find((item) => item.parentBin === holding.bin) ?? subsidiaries.items[0];
    // the officer's key is made after start-up: the keys file is read once, so restart with it
    keys.officer = createKey(keysFile, 'console-officer', 'officer', [holding.bin]);
    service.child.kill('SIGTERM');
    await service.exited;
    service = await startService({
      DATA_DIR: dataDir,
      API_KEYS_FILE: keysFile,
      NODE_ENV: 'production',
      CHECKPOINT_SIGNING_KEY_FILE: checkpointKeyFile(dataDir),
      LOG_LEVEL: 'warn',
    });
    await waitUntilHealthy(service, 60_000);
    browser = await launchChromium((chromiumFound as { path: string }).path);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    service?.child.kill('SIGTERM');
    await service?.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('an officer sees the holding tree, records a certificate (an impossible date refused first), sees the score move, and retracts a fact', async () => {
    const page = await newPage();
    await page.goto(`${service.baseUrl}/console/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await visit(page, 'sign-in', true);
    await signIn(page, keys.officer);

    await page.getByRole('heading', { name: 'My entities' }).waitFor();
    await expectLink(page, holding.name);
    await expectLink(page, subject.name);
    await visit(page, 'my-entities', true);

    await page.getByRole('link', { name: subject.name }).click();
    await page.getByTestId('score').waitFor();
    scoreBefore = (await page.getByTestId('score').textContent()) ?? '';
    await visit(page, 'entity', true);

    await page.getByRole('link', { name: 'Record a fact' }).click();
    await page.getByRole('link', { name: 'Certificate issued' }).waitFor();
    await visit(page, 'record-menu');
    await page.getByRole('link', { name: 'Certificate issued' }).click();
    await page.getByLabel('Certificate id').fill('cert-browser-1');
    await page.getByLabel('Certificate number').fill('KZ.7500403.22.03.00777');
    await page.getByLabel('Standard').selectOption('ISO_37001');
    await page.getByLabel('Certification body').fill('National certification centre');
    const today = new Date();
    const tomorrowButOne = new Date(today.getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
    const yesterday = new Date(today.getTime() - 86_400_000).toISOString().slice(0, 10);
    const inTwoYears = new Date(today.getTime() + 730 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Issued on').fill(tomorrowButOne); // a certificate issued in the future cannot be
    await page.getByLabel('Expires on (last valid day)').fill(inTwoYears);
    await page.getByRole('button', { name: 'Record' }).click();
    await page.locator('[data-field-error="issuedOn"]').filter({ hasText: 'later than a day from now' }).waitFor();
    expect(await page.getByLabel('Issued on').getAttribute('aria-invalid')).toBe('true');
    await visit(page, 'record-form', true);

    await page.getByLabel('Issued on').fill(yesterday);
    await page.getByRole('button', { name: 'Record' }).click();
    await page.getByRole('status').filter({ hasText: 'Recorded' }).waitFor();

    await page.goto(`${service.baseUrl}/console/entities/${subject.bin}`);
    await page.getByTestId('score').waitFor();
    scoreCertified = (await page.getByTestId('score').textContent()) ?? '';
    expect(scoreCertified).not.toBe(scoreBefore);
    await page.waitForTimeout(1100);
    whileCertified = Date.now();
    await page.waitForTimeout(1100); // the retraction is recorded in a later second than this instant

    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('heading', { name: 'Certificate issued' }).first().waitFor();
    await visit(page, 'history', true);
    const certificate = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Certificate issued' }) })
      .first();
    await certificate.getByRole('button', { name: 'Retract' }).click();
    await certificate.getByLabel('Reason').fill('recorded for the wrong entity');
    await certificate.getByRole('button', { name: 'Retract' }).last().click();
    await page
      .getByText(/Retracted by/)
      .first()
      .waitFor();

    await page.goto(`${service.baseUrl}/console/entities/${subject.bin}`);
    await page.getByTestId('score').waitFor();
    await waitForTestId(page, 'score', scoreBefore);
    await page.context().close();
  });

  it('an auditor moves knownAt back and sees the score as published then, and the browser checks the chain as the server does', async () => {
    const page = await newPage();
    await signIn(page, keys.auditor);
    await visit(page, 'auditor-home');
    await page.goto(`${service.baseUrl}/console/entities/${subject.bin}`);
    await page.getByTestId('score').waitFor();
    await waitForTestId(page, 'score', scoreBefore); // the certificate is retracted now
    // as published while the certificate stood, the score counted it
    const kazakhstanTime = new Date(whileCertified + 5 * 3600_000).toISOString().slice(0, 19);
    await page.getByLabel('As published at (system time)').fill(kazakhstanTime);
    await page.getByRole('button', { name: 'Show' }).click();
    await waitForTestId(page, 'score', scoreCertified);
    await visit(page, 'entity-time-travel', true);
    await page.getByRole('button', { name: 'Now' }).click();
    await waitForTestId(page, 'score', scoreBefore);

    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('button', { name: 'Check the hash chain in this browser' }).click();
    await waitForTestId(page, 'integrity-verdict', 'The browser and the server agree.');
    expect(await page.getByTestId('integrity-browser').textContent()).toContain('the chain is whole');
    // the transparency log: the latest event proved, in this browser, to be in the signed tree
    await page.getByRole('button', { name: "Prove the latest event is in the log's signed checkpoint" }).click();
    await page
      .getByTestId('transparency-verdict')
      .filter({ hasText: /^This browser proved the latest event to be leaf \d+ of the signed tree of \d+ events/ })
      .waitFor({ timeout: 15_000 });
    await visit(page, 'integrity', true);
    await page.context().close();
  });

  it('the register check finds an entity by name, and its card holds no IIN', async () => {
    const page = await newPage();
    await signIn(page, keys.registry);
    await page.getByRole('heading', { name: 'Register check' }).waitFor();
    // a page of the demo register, loaded afresh: the bundle, the session and fifty results
    const loading = Date.now();
    await page.goto(`${service.baseUrl}/console/register?q=${encodeURIComponent('JSC')}`);
    await page.getByRole('heading', { name: 'Found' }).waitFor();
    const results = await page.locator('ul.results li').count();
    console.log(`A register page of ${results} results rendered in ${Date.now() - loading} ms from navigation`);
    expect(results).toBeGreaterThan(0);
    await visit(page, 'register-search', true);
    const words = subject.name.split(' ').slice(0, 2).join(' ').toLowerCase();
    await page.getByLabel('BIN or name').fill(words);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: subject.name }).click();
    const started = Date.now();
    await page.getByRole('heading', { name: 'Anti-corruption indicators' }).waitFor();
    console.log(`Register card rendered in ${Date.now() - started} ms after the click`);
    await visit(page, 'register-card', true);

    const profile = (await api(`/v1/entities/${subject.bin}`)) as Record<string, unknown>;
    const iins = [...JSON.stringify(profile).matchAll(/"(?:iin|\w+Iin)":"(\d{12})"/g)].map((m) => m[1]);
    expect(iins.length).toBeGreaterThan(0);
    const html = await page.content();
    expect(iins.filter((iin) => html.includes(iin))).toEqual([]);

    await page.getByLabel('Language').selectOption('kk');
    await page.getByRole('heading', { name: 'Сыбайлас жемқорлыққа қарсы көрсеткіштер' }).waitFor();
    await visit(page, 'register-card-kk', true);
    await page.context().close();
  });

  it('has no serious or critical accessibility violation on any page visited (axe-core)', () => {
    const found = audited.flatMap(({ page, violations }) => violations.map((violation) => ({ page, ...violation })));
    console.log(
      `axe-core (WCAG 2.1 A and AA) on ${audited.length} pages: ${found.length} violations` +
        found.map((v) => `\n  ${v.page}: ${v.rule} (${v.impact}) at ${v.targets}`).join(''),
    );
    expect(audited.map(({ page }) => page)).toEqual(
      expect.arrayContaining(['sign-in', 'register-search', 'record-form']),
    );
    expect(audited.length).toBeGreaterThanOrEqual(12);
    expect(found.filter(isSerious)).toEqual([]);
  });
});

async function expectLink(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name, exact: true }).first().waitFor();
}

/** Waits until the element with the test id reads exactly `text` (the page may still be drawing). */
async function waitForTestId(page: Page, testId: string, text: string): Promise<void> {
  const exactly = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await page.getByTestId(testId).filter({ hasText: exactly }).waitFor({ timeout: 15_000 });
}
