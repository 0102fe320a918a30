import { defineConfig } from 'vitest/config';

/**
 * unit: pure logic and Electron-boundary code with electron stubbed.
 * integration: the backend on real SQLite files and real audio in temp dirs.
 * e2e: the built browser host driven by Playwright in Chromium (test/support/chromium.ts picks which;
 *   needs `npm run build`).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/renderer/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          // The UI settles within a second on a quiet machine; CI runs busier than that.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
