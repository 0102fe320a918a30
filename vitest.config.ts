import { defineConfig } from 'vitest/config';

/**
 * Integration files that run on PostgreSQL too (in integration-pg): everything they call is on the query
 * layer. Add a file here when its service area is converted (docs/data-layer.md); it then uses
 * describeEachEngine / engineBackend from test/support/engines.ts.
 */
const ENGINE_READY = [
  'test/integration/db/query-layer.test.ts',
  'test/integration/settings.test.ts',
  'test/integration/library/search-engines.test.ts',
  'test/integration/privacy/passphrase.test.ts',
  'test/integration/privacy/seal.test.ts',
  'test/integration/privacy/workstation-key.test.ts',
  'test/integration/privacy/acting-each-call.test.ts',
  'test/integration/privacy-proof/dump.test.ts',
  'test/integration/coaching/notes.test.ts',
  'test/integration/coaching/actions.test.ts',
  ...[
    'media/recordings',
    'media/aac-peaks',
    'review/shortcuts',
    'review/tags-and-playback',
    'review/peaks-window',
    'review/moments-engines',
    'review/neighbours',
  ].map((name) => `test/integration/${name}.test.ts`),
  'test/integration/import-engines.test.ts',
  'test/integration/import-read-ahead.test.ts',
  'test/integration/import-kill.test.ts',
  'test/integration/db/bulk-insert.test.ts',
  'test/integration/db/prepared.test.ts',
  'test/integration/rubrics/rubrics.test.ts',
  'test/integration/rubrics/rescore.test.ts',
  'test/integration/rubrics/import.test.ts',
  'test/integration/evaluations/evaluations.test.ts',
  'test/integration/evaluations/csv.test.ts',
  'test/integration/library/library-engines.test.ts',
  'test/integration/demo-offer.test.ts',
  'test/integration/reels/reels.test.ts',
  'test/integration/evaluations/library-export.test.ts',
  'test/integration/privacy/acting-profile.test.ts',
  'test/integration/library/score.test.ts',
  'test/integration/privacy-proof/private-notes.test.ts',
  'test/integration/coaching/sessions.test.ts',
  'test/integration/coaching/additions.test.ts',
  'test/integration/coaching/mystery-shops.test.ts',
  'test/integration/agents/overview.test.ts',
  'test/integration/evaluations/one-figure.test.ts',
  'test/integration/review/moments.test.ts',
  'test/integration/review/moment-undo.test.ts',
  'test/integration/demo.test.ts',
  'test/integration/accounts/sessions.test.ts',
  'test/integration/accounts/admin.test.ts',
  'test/integration/mystery/list.test.ts',
  'test/integration/mystery/report.test.ts',
  'test/integration/mystery/figures.test.ts',
  'test/integration/mystery/import.test.ts',
  'test/integration/mystery/import-screen.test.ts',
  'test/integration/mystery/permissions.test.ts',
  'test/integration/library/details.test.ts',
  'test/integration/import-details.test.ts',
  'test/integration/cli-import-details.test.ts',
  'test/integration/import.test.ts',
  'test/integration/import-plan.test.ts',
  'test/integration/mystery/shops.test.ts',
  'test/integration/mystery/evidence.test.ts',
  'test/integration/mystery/never-qa.test.ts',
  'test/integration/clock/stamps.test.ts',
  'test/integration/library-search.test.ts',
  'test/integration/library/search-ranking.test.ts',
  'test/integration/conflicts/edit-versions.test.ts',
  'test/integration/queue/queue.test.ts',
  'test/integration/queue/top-up.test.ts',
  'test/integration/calibration/calibration.test.ts',
  'test/integration/evaluations/kill.test.ts',
  'test/integration/evaluations/answer-again.test.ts',
];

/**
 * unit: pure logic and Electron-boundary code with electron stubbed.
 * integration: the backend on real SQLite files and real audio in temp dirs. Its worker threads (and the
 *   CLI, where a test spawns it through test/support/cli.ts) run from a bundle of the current source made
 *   once per run (test/support/backend-build.ts), as the app runs its build's, not through tsx.
 * integration-pg: the ENGINE_READY files again, test/integration/postgres/ and test/integration/team/ (the
 *   team server) on a throwaway PostgreSQL
 *   (one cluster per run, started and stopped by test/support/postgres-global-setup.ts).
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
          exclude: ['test/integration/postgres/**', 'test/integration/team/**'],
          environment: 'node',
          globalSetup: ['test/support/backend-build-global-setup.ts'],
          setupFiles: ['test/support/backend-build-env.ts'],
          testTimeout: 30_000,
          // Many tests build their own data in beforeEach (the demo, evaluations): give it a test's time.
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration-pg',
          include: [
            ...ENGINE_READY,
            'test/integration/postgres/**/*.test.ts',
            'test/integration/team/**/*.test.ts',
          ],
          environment: 'node',
          globalSetup: [
            'test/support/postgres-global-setup.ts',
            'test/support/backend-build-global-setup.ts',
          ],
          setupFiles: ['test/support/backend-build-env.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
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
