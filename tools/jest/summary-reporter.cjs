// Writes each Jest project's totals to test-results/jest/<project>.json, so that the test
// script can print one closing line over every runner without parsing console output, and
// name the failed tests just above it (where a CI log that keeps only its tail still shows them).
const { mkdirSync, writeFileSync } = require('node:fs');
const { join, relative, resolve } = require('node:path');

const root = resolve(__dirname, '../..');
const resultsDir = join(root, 'test-results/jest');

class SummaryReporter {
  constructor(globalConfig) {
    this.name = (globalConfig.rootDir ?? 'jest').replace(/^.*[\\/]/, '');
  }

  onRunComplete(_contexts, results) {
    mkdirSync(resultsDir, { recursive: true });
    const summary = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      suites: results.numTotalTestSuites,
      failures: results.testResults.flatMap((file) => {
        const where = relative(root, file.testFilePath);
        if (file.testExecError) return [`${where}: ${file.testExecError.message.split('\n')[0]}`];
        return file.testResults.filter((test) => test.status === 'failed').map((test) => `${where}: ${test.fullName}`);
      }),
    };
    writeFileSync(join(resultsDir, `${this.name}.json`), JSON.stringify(summary, null, 2));
  }
}

module.exports = SummaryReporter;
