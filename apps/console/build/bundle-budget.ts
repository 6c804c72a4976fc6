import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * Prints the console's production bundle size, gzipped, and fails the build above the budget:
 * a register page must stay quick to load on a slow connection.
 */
export function bundleBudget(maxGzipKb: number): Plugin {
  return {
    name: 'bundle-budget',
    apply: 'build',
    generateBundle(_, bundle) {
      let total = 0;
      for (const output of Object.values(bundle)) {
        if (!/\.(js|css|html)$/.test(output.fileName)) continue;
        const bytes = output.type === 'chunk' ? output.code : output.source;
        total += gzipSync(typeof bytes === 'string' ? Buffer.from(bytes) : bytes).length;
      }
      const kb = total / 1024;
      const line = `Console bundle: ${kb.toFixed(1)} KB gzipped (budget ${maxGzipKb} KB)`;
      if (kb > maxGzipKb) this.error(line);
      this.info(line);
    },
  };
}
