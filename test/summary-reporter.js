// Ends the run with one plain line, "Tests: N passed, N failed, N skipped", that CI and people
// can read without knowing Jest's own summary format. Jest always prints its summary after
// every custom reporter, so the line is written as the process exits, to come last.
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    const line = `Tests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped\n`;
    process.once('exit', () => process.stderr.write(`\n${line}`));
  }
}
