// End-to-end tests in Debian's Chromium (never a downloaded browser), against
// the release build in dist/, served by tests/e2e/serve.mjs at / and at /sub/.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: 'http://127.0.0.1:4173/',
    browserName: 'chromium',
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run',
        '--disable-quic',
      ],
      // Playwright gives every run a fresh, empty profile directory itself
      // (it refuses a --user-data-dir argument).
    },
  },
  webServer: {
    command: 'node tests/e2e/serve.mjs 4173',
    url: 'http://127.0.0.1:4173/',
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
