import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The domain and the event store port are plain TypeScript; NestJS is only the shell around them. */
describe('architecture', () => {
  it.each(['libs/domain', 'libs/event-store'])('%s imports nothing from NestJS', (library) => {
    const files = sourceFiles(join(process.cwd(), library));
    expect(files.length).toBeGreaterThan(3);
    const offenders = files.filter((file) => /from ['"]@nestjs\//.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the domain library depends on no infrastructure at all', () => {
    const files = sourceFiles(join(process.cwd(), 'libs/domain/src'));
    expect(files.length).toBeGreaterThan(0);
    const offenders = files.filter((file) => /from ['"](node:|#event-store)/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}
