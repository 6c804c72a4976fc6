import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { servedDocument } from './served-document.js';

const run = promisify(execFile);
const HERE = 'apps/compliance-api/test/contract';

/** Runs a linter's command line with this Node, answering its standard output whatever its exit code. */
async function lint(cli: string, args: string[]): Promise<string> {
  try {
    return (await run(process.execPath, [cli, ...args], { maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    return (error as { stdout: string }).stdout;
  }
}

/**
 * The served document, linted by two independent tools with their OpenAPI rules: Spectral's
 * `spectral:oas` and Redocly's recommended set, with the committed configurations beside this
 * test (each rule turned off there says why).
 */
describe('the served OpenAPI document, linted', () => {
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
    file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(await servedDocument()));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes Spectral (spectral:oas) with no error and no warning', async () => {
    const output = await lint('node_modules/@stoplight/spectral-cli/dist/index.js', [
      'lint',
      file,
      '--ruleset',
      `${HERE}/spectral.yaml`,
      '--format',
      'json',
      '--quiet',
    ]);
    const results = JSON.parse(output.slice(output.indexOf('['))) as {
      code: string;
      message: string;
      path: string[];
    }[];
    expect(results.map((r) => `${r.code}: ${r.message} at ${r.path.join('.')}`)).toEqual([]);
  });

  it('passes Redocly (recommended) with no error and no warning', async () => {
    const output = await lint('node_modules/@redocly/cli/bin/cli.js', [
      'lint',
      file,
      '--config',
      `${HERE}/redocly.yaml`,
      '--format',
      'json',
    ]);
    const report = JSON.parse(output.slice(output.indexOf('{'))) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string }[];
    };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });
});
