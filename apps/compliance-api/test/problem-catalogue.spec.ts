import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_NAMES } from '#domain';
import { HTTP_PROBLEMS } from '../src/http/problem-details/problem-catalogue.js';
import { problemTables, TABLES_END, TABLES_START } from '../src/http/problem-details/problem-tables.js';
import { ProblemError } from '../src/http/problem-details/problem.js';

describe('the problem catalogues: one source for problem documents and docs/API.md', () => {
  it('docs/API.md holds the tables generated from the catalogues (run `npm run docs:problems` after changing one)', () => {
    const document = readFileSync(join(process.cwd(), 'docs/API.md'), 'utf8');
    const start = document.indexOf(TABLES_START);
    const end = document.indexOf(TABLES_END) + TABLES_END.length;
    expect(start).toBeGreaterThan(0);
    expect(document.slice(start, end)).toBe(problemTables());
  });

  it('names every problem type once, whichever catalogue it is in', () => {
    const names = [...Object.keys(HTTP_PROBLEMS), ...RULE_NAMES];
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(problemTables()).toContain(`| \`${name}\` |`);
  });

  it('gives each problem the status and title of its catalogue entry', () => {
    expect(new ProblemError('certificate-withdrawn', 'x').problem).toMatchObject({
      type: 'urn:compliance-engine:problem:certificate-withdrawn',
      status: 409,
      title: expect.stringContaining('withdrawn'),
    });
    expect(new ProblemError('entity-not-registered').problem.status).toBe(404);
    expect(new ProblemError('write-contention').problem.status).toBe(503);
  });
});
