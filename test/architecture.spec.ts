import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = process.cwd();
const LIBRARIES = readdirSync(join(ROOT, 'libs'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
/** The public entry points of the libraries: package.json's subpath imports. */
const ENTRY_POINTS = Object.keys(
  (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { imports: Record<string, unknown> }).imports,
);

/** Every module a source file imports (static imports, re-exports and dynamic imports). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((match) => match[1] ?? match[2]);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.parentPath.includes('node_modules'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Where a relative import lands, from the project's root. */
const landing = (file: string, specifier: string) => relative(ROOT, resolve(dirname(file), specifier));

/**
 * The layering: the domain depends on nothing of ours, the libraries know nothing of NestJS,
 * and each part reaches another only through its public entry point.
 */
describe('architecture', () => {
  it('finds the libraries and their entry points', () => {
    expect(LIBRARIES).toEqual(
      expect.arrayContaining(['domain', 'event-log', 'event-store', 'projections', 'sqlite', 'write-side']),
    );
    for (const library of LIBRARIES) expect(ENTRY_POINTS).toContain(`#${library}`);
  });

  it('the domain imports nothing of ours and no infrastructure: no node: module, no other library', () => {
    const files = sourceFiles(join(ROOT, 'libs/domain/src'));
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.flatMap((file) =>
      importsOf(file)
        .filter((specifier) => specifier.startsWith('node:') || specifier.startsWith('#'))
        .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  it.each(LIBRARIES)('libs/%s imports nothing from NestJS and nothing of apps/', (library) => {
    const files = sourceFiles(join(ROOT, 'libs', library));
    expect(files.length).toBeGreaterThan(0);
    const offenders = files.flatMap((file) =>
      importsOf(file)
        .filter(
          (specifier) =>
            specifier.startsWith('@nestjs/') ||
            (specifier.startsWith('.') && landing(file, specifier).startsWith('apps')),
        )
        .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  it("libraries reach each other only through their entry points, never into another's files", () => {
    const offenders = LIBRARIES.flatMap((library) =>
      sourceFiles(join(ROOT, 'libs', library)).flatMap((file) =>
        importsOf(file)
          .filter((specifier) => specifier.startsWith('.'))
          .filter((specifier) => !landing(file, specifier).startsWith(join('libs', library)))
          .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('apps/, seeds/, bench/ and test/ use the libraries only through their entry points', () => {
    const files = ['apps', 'seeds', 'bench', 'test'].flatMap((folder) => sourceFiles(join(ROOT, folder)));
    const offenders = files.flatMap((file) =>
      importsOf(file)
        .filter(
          (specifier) =>
            (specifier.startsWith('.') && landing(file, specifier).startsWith('libs')) ||
            (specifier.startsWith('#') && !ENTRY_POINTS.includes(specifier)),
        )
        .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the read side and the write side of the service go through their libraries: no SQL of the read models in apps/', () => {
    const files = sourceFiles(join(ROOT, 'apps/compliance-api/src'));
    const offenders = files
      .filter((file) => /\b(entity_events|score_history|FROM ratings|INTO ratings)\b/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });
});
