import { defineConfig, devices } from '@playwright/test';
import { BACKING_URL, instanceEnv, PORTS, SHARED_ENV } from './e2e/instances/env';
import base from './playwright.config';

/**
 * The two-instance journey (issue 18 §5): a throwaway PostgreSQL and a real SMTP server
 * (e2e/instances/backing.ts), then two app servers on the same build, the same database, the same
 * upload folder and the same mail server. `npm test` runs it after the main suite.
 */
const instance = (port: number) => ({
  command: 'node scripts/serve.mjs',
  url: `http://127.0.0.1:${port}/ingresar`,
  env: instanceEnv(port),
  reuseExistingServer: false,
  timeout: 120_000,
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
});

export default defineConfig({
  ...base,
  testDir: './e2e/instances',
  testIgnore: [],
  reporter: [['list'], ['json', { outputFile: '.reports/e2e-instances.json' }]],
  use: { ...base.use, baseURL: `http://localhost:${PORTS.first}` },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: [
    {
      command: 'node_modules/.bin/tsx --conditions=react-server e2e/instances/backing.ts',
      url: `${BACKING_URL}/ready`,
      env: { ...SHARED_ENV },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      // Its handler stops the cluster and removes its folder (the default SIGKILL would leave it).
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    },
    instance(PORTS.first),
    instance(PORTS.second),
  ],
});
