import type { Reporter, SerializedError, TestModule, TestRunEndReason } from 'vitest/node';

/**
 * Ends the run with one plain line, "N passed, N failed, N skipped", that any CI log reader understands.
 * A test file that failed outside its tests (an error while collecting it, a failing hook) and an
 * unhandled error each count as one failure, so the line can never read as green when the run is red.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    let failedSuites = 0;
    for (const module of testModules) {
      let failedTests = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failedTests++;
        else skipped++;
      }
      failed += failedTests;
      if (module.state() === 'failed' || module.errors().length > 0) {
        failedSuites++;
        if (failedTests === 0) failed++;
      }
    }
    failed += unhandledErrors.length;
    if (reason === 'failed' && failed === 0) failed = 1;
    const suites = failedSuites > 0 ? ` (${failedSuites} failed test ${failedSuites === 1 ? 'file' : 'files'})` : '';
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped${suites}\n`);
  }
}
