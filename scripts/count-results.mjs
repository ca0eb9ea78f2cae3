// Reads Vitest's and Playwright's JSON reports and prints "N passed, N failed".
// A step that failed before its runner reported (typecheck, lint, build) counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const [unitPath, e2ePath, statusArg] = process.argv.slice(2);
const status = Number(statusArg ?? 0);
let passed = 0;
let failed = 0;

function readJson(path) {
  if (!path || !existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

const unit = readJson(unitPath);
if (unit) {
  passed += unit.numPassedTests ?? 0;
  failed += unit.numFailedTests ?? 0;
}

function walkSuites(suites) {
  for (const suite of suites ?? []) {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const outcome = t.status; // expected | unexpected | flaky | skipped
        if (outcome === 'expected' || outcome === 'flaky') passed += 1;
        else if (outcome === 'unexpected') failed += 1;
      }
    }
    walkSuites(suite.suites);
  }
}
const e2e = readJson(e2ePath);
if (e2e) walkSuites(e2e.suites);

if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
