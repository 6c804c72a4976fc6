import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { bundleBudget } from './build/bundle-budget.js';
import { factForms } from './build/fact-forms.js';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** The console: a single-page application the service serves at /console/ (docs/CONSOLE.md). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  resolve: { alias: { '#api-contract': root('libs/api-contract/src/index.ts') } },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [factForms(root('libs/api-contract/src/openapi.json')), bundleBudget(250)],
  build: { outDir: root('dist/console'), emptyOutDir: true, target: 'es2022', sourcemap: false },
});
