// Writes each Jest project's totals to test-results/jest/<project>.json, so that the test
// script can print one closing line over every runner without parsing console output.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const resultsDir = resolve(__dirname, '../../test-results/jest');

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
    };
    writeFileSync(join(resultsDir, `${this.name}.json`), JSON.stringify(summary, null, 2));
  }
}

module.exports = SummaryReporter;
