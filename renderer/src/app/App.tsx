import { MantineProvider, Center, Loader, Alert } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createHashRouter, RouterProvider } from 'react-router';
import type { i18n as I18n } from 'i18next';
import { api } from '../api/client';
import { initI18n, pickLanguage } from '../i18n';
import { AgentPage } from '../features/agents/AgentPage';
import { AgentsPage } from '../features/agents/AgentsPage';
import { CalibrationListPage } from '../features/calibration/CalibrationListPage';
import { CalibrationSessionPage } from '../features/calibration/CalibrationSessionPage';
import { NewCalibrationPage } from '../features/calibration/NewCalibrationPage';
import { ScoreInteractionPage } from '../features/calibration/ScoreInteractionPage';
import { CoachingListPage } from '../features/coaching/CoachingListPage';
import { NewSessionPage } from '../features/coaching/NewSessionPage';
import { SessionPage } from '../features/coaching/SessionPage';
import { SessionPrintPage } from '../features/coaching/SessionPrintPage';
import { EvaluatePage } from '../features/evaluation/EvaluatePage';
import { SummaryPage } from '../features/evaluation/SummaryPage';
import { ImportPage } from '../features/import/ImportPage';
import { findStartup, type Startup } from '../features/account/startup';
import { TeamApp } from '../features/account/TeamApp';
import { UsersPage } from '../features/account/UsersPage';
import { HomePage } from './HomePage';
import { MysteryShopRoute } from '../features/mystery/entry/MysteryShopRoute';
import { MysteryListPage } from '../features/mystery/MysteryListPage';
import { MysteryReportPage } from '../features/mystery/MysteryReportPage';
import { MysteryImportPage } from '../features/mystery/import/MysteryImportPage';
import { MyQueuePage } from '../features/queue/MyQueuePage';
import { PlansPage } from '../features/queue/PlansPage';
import { PlanWeekPage } from '../features/queue/PlanWeekPage';
import { ReelsPage } from '../features/reels/ReelsPage';
import { InteractionPage } from '../features/review/InteractionPage';
import { RubricEditorPage } from '../features/rubrics/RubricEditorPage';
import { RubricsPage } from '../features/rubrics/RubricsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { DatesFollowLanguage } from './DayInput';
import { Shell } from './Shell';
import { ToastProvider } from './toast/Toasts';
import { theme } from './theme';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});

const router = createHashRouter([
  {
    element: <Shell />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'interaction/:id', element: <InteractionPage /> },
      { path: 'interaction/:id/evaluate', element: <EvaluatePage /> },
      { path: 'evaluation/:id/summary', element: <SummaryPage /> },
      { path: 'rubrics', element: <RubricsPage /> },
      { path: 'rubrics/:id', element: <RubricEditorPage /> },
      { path: 'coaching', element: <CoachingListPage /> },
      { path: 'coaching/new', element: <NewSessionPage /> },
      { path: 'coaching/:id', element: <SessionPage /> },
      { path: 'coaching/:id/print', element: <SessionPrintPage /> },
      { path: 'agents', element: <AgentsPage /> },
      { path: 'agents/:id', element: <AgentPage /> },
      { path: 'mystery', element: <MysteryListPage /> },
      { path: 'mystery/reports', element: <MysteryReportPage /> },
      // mystery/new and a shop: one route, so a new shop's form stays mounted when its first save gives it an id.
      { path: 'mystery/:id', element: <MysteryShopRoute /> },
      { path: 'queue', element: <MyQueuePage /> },
      { path: 'queue/plans', element: <PlansPage /> },
      { path: 'queue/plans/:id', element: <PlanWeekPage /> },
      { path: 'calibration', element: <CalibrationListPage /> },
      { path: 'calibration/new', element: <NewCalibrationPage /> },
      { path: 'calibration/:id', element: <CalibrationSessionPage /> },
      { path: 'calibration/:id/score/:interactionId', element: <ScoreInteractionPage /> },
      { path: 'reels', element: <ReelsPage /> },
      { path: 'reels/:id', element: <ReelsPage /> },
      { path: 'import', element: <ImportPage /> },
      { path: 'mystery/import', element: <MysteryImportPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: 'users', element: <UsersPage /> },
    ],
  },
]);

type Boot =
  | { state: 'loading' }
  | { state: 'ready'; i18n: I18n; startup: Exclude<Startup, { kind: 'failed' }> }
  | { state: 'error'; message: string };

const goHome = () => void router.navigate('/');

/**
 * Who is asked first: a workstation answers `session.me` with `unavailable` and starts as it always has;
 * a team server starts at its login screen unless someone is logged in (features/account/startup.ts).
 */
async function start(): Promise<Boot> {
  const startup = await findStartup(() => api.session.me({}));
  if (startup.kind === 'failed') return { state: 'error', message: startup.message };
  // Before login a team server keeps its settings to itself: the browser's language until then.
  const saved = startup.kind === 'login' ? null : (await api.settings.get({})).language;
  return { state: 'ready', i18n: await initI18n(pickLanguage(saved)), startup };
}

export function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });

  useEffect(() => {
    let cancelled = false;
    start()
      .then((ready) => !cancelled && setBoot(ready))
      .catch(
        (error: unknown) =>
          !cancelled &&
          setBoot({ state: 'error', message: error instanceof Error ? error.message : String(error) }),
      );
    return () => {
      cancelled = true;
    };
  }, []);

  const routes = <RouterProvider router={router} />;

  return (
    <MantineProvider theme={theme}>
      {boot.state === 'ready' ? (
        <I18nextProvider i18n={boot.i18n}>
          <DatesFollowLanguage>
            <QueryClientProvider client={queryClient}>
              <ToastProvider>
                {boot.startup.kind === 'workstation' ? (
                  routes
                ) : (
                  <TeamApp
                    initial={boot.startup.kind === 'team' ? boot.startup.account : null}
                    goHome={goHome}
                  >
                    {routes}
                  </TeamApp>
                )}
              </ToastProvider>
            </QueryClientProvider>
          </DatesFollowLanguage>
        </I18nextProvider>
      ) : (
        <Center h="100%" data-app-state={boot.state}>
          {boot.state === 'loading' ? (
            <Loader aria-label="Loading" />
          ) : (
            // i18n is not up when start-up itself fails, so this one message is in English.
            <Alert color="red" title="Earmark could not start">
              {boot.message}
            </Alert>
          )}
        </Center>
      )}
    </MantineProvider>
  );
}
