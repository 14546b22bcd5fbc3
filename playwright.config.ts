import { defineConfig, devices } from '@playwright/test';
import { E2E_ENV, E2E_VERB_PORT } from './e2e/support/env';

export default defineConfig({
  testDir: './e2e',
  // The two-instance journey has its own servers (playwright.instances.config.ts).
  testIgnore: ['instances/**'],
  outputDir: './test-results',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  // Journeys run several server verbs (a Node process each) and axe scans: generous on 2 busy cores.
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: '.reports/e2e.json' }]],
  use: {
    baseURL: E2E_ENV.NEXTAUTH_URL,
    locale: 'es-CO',
    timezoneId: 'America/Bogota',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: [
    {
      // Server verbs for the fixtures (e2e/support/verbs.ts), on a fresh database for every run.
      command: `node_modules/.bin/tsx --conditions=react-server e2e/support/verbs.ts reset-db`,
      url: `http://127.0.0.1:${E2E_VERB_PORT}/ready`,
      env: { ...E2E_ENV },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The production build, started once the verb server has made the database.
      command: 'node scripts/serve.mjs',
      url: `${E2E_ENV.NEXTAUTH_URL}/ingresar`,
      env: { ...E2E_ENV },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
