/**
 * `npm test`: typecheck, lint, unit + integration tests (vitest), production build, e2e (Playwright
 * in Chromium). Ends with one plain line `N passed, N failed` counted from the runners' JSON reports;
 * a failing step (typecheck, lint, build) counts as one failure. Exits non-zero when anything failed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const reports = path.join(root, '.reports');
fs.mkdirSync(reports, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function run(label, command, args) {
  const started = Date.now();
  console.log(`\n━━ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`━━ ${label}: ${result.status === 0 ? 'ok' : 'FAILED'} (${seconds} s)`);
  return result.status === 0;
}

function step(label, command, args) {
  const ok = run(label, command, args);
  if (ok) passed += 1;
  else {
    failed += 1;
    failures.push(label);
  }
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

if (step('route types', bin('next'), ['typegen'])) step('typecheck', bin('tsc'), ['--noEmit']);
step('lint', bin('eslint'), ['.', '--max-warnings', '0']);
step('format', bin('prettier'), ['--check', '.']);

const unitReport = path.join(reports, 'unit.json');
fs.rmSync(unitReport, { force: true });
const unitOk = run('unit and integration tests (vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${unitReport}`,
]);
const unit = readJson(unitReport);
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  skipped += unit.numPendingTests + (unit.numTodoTests ?? 0);
  if (unit.numFailedTests > 0 || !unitOk) failures.push('vitest');
  if (!unitOk && unit.numFailedTests === 0) failed += 1;
} else {
  failed += 1;
  failures.push('vitest (no report)');
}

const built = step('production build', bin('next'), ['build']);

/** A Playwright run with its own config and JSON report, counted like the main suite. */
function playwright(label, config, reportName) {
  const report = path.join(reports, reportName);
  fs.rmSync(report, { force: true });
  const ok = run(label, bin('playwright'), ['test', ...(config ? ['--config', config] : [])]);
  const result = readJson(report);
  if (result?.stats) {
    const { expected, unexpected, flaky, skipped: e2eSkipped } = result.stats;
    passed += expected + flaky;
    failed += unexpected;
    skipped += e2eSkipped;
    if (unexpected > 0 || !ok) failures.push(label);
    if (!ok && unexpected === 0) failed += 1;
  } else {
    failed += 1;
    failures.push(`${label} (no report)`);
  }
}

if (built) {
  playwright('end-to-end tests (Playwright, Chromium)', null, 'e2e.json');
  // Two app servers on one PostgreSQL (issue 18): a case filed on one is worked on the other.
  playwright(
    'two instances on one PostgreSQL (Playwright)',
    'playwright.instances.config.ts',
    'e2e-instances.json',
  );
}

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
