// Ends the run (on stderr, after Jest's own summary) with one plain line, "Tests: N passed, N failed, N skipped", that CI and
// people can read without knowing Jest's own summary format.
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    process.stderr.write(
      `\nTests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped\n`,
    );
  }
}
