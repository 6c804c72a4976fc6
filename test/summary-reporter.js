// Ends the run with plain lines that CI and people can read without knowing Jest's own summary
// format: "Tests: N passed, N failed, N skipped", and how many HTTP answers were checked against
// the OpenAPI document (apps/compliance-api/test/support/contract.ts counts them in each test
// process). Jest always prints its summary after every custom reporter, so the lines are written
// as the process exits, to come last.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CONTRACT_COUNTS_DIR = join(tmpdir(), 'compliance-contract-counts');

export default class SummaryReporter {
  onRunStart() {
    rmSync(CONTRACT_COUNTS_DIR, { recursive: true, force: true });
  }

  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    const line = `Tests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped\n`;
    process.once('exit', () => {
      const checked = existsSync(CONTRACT_COUNTS_DIR)
        ? readdirSync(CONTRACT_COUNTS_DIR)
            .flatMap((file) => readFileSync(join(CONTRACT_COUNTS_DIR, file), 'utf8').split('\n'))
            .reduce((sum, count) => sum + (Number(count) || 0), 0)
        : 0;
      process.stderr.write(`\nContract: ${checked} HTTP answers checked against the OpenAPI document\n${line}`);
    });
  }
}
