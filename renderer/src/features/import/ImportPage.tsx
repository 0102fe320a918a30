import { Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPlan, ImportRequest } from '../../../../shared/api';
import { ImportProgressView } from './ImportProgressView';
import { PathsStep, type PathsForm, type PlanChoices } from './PathsStep';
import { PlanStep } from './PlanStep';
import { useSessionAccount } from '../account/account-context';
import { noTeamChoice, type TeamChoice } from './team-choice';
import { TeamPathsStep } from './TeamPathsStep';

type Step =
  | { name: 'paths' }
  | { name: 'plan'; request: ImportRequest; plan: ImportPlan }
  | { name: 'progress'; batchId: number };

/** Import in three steps: choose files, check what they will become (mapping, pairing, speakers), watch it run. */
export function ImportPage() {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ name: 'paths' });
  // Kept here, not in the steps: "Back" returns to the paths as typed, and the choices made on the plan.
  const [form, setForm] = useState<PathsForm>({ paths: '', copy: false });
  const [choices, setChoices] = useState<PlanChoices>({});
  // A team server reads only its own storage and folders: files are uploaded or chosen there.
  const onTeamServer = useSessionAccount() !== null;
  const [team, setTeam] = useState<TeamChoice>(noTeamChoice);
  return (
    <Stack maw={1100} data-testid="import" data-step={step.name}>
      <Title order={2}>{t('import.title')}</Title>
      {step.name === 'paths' && onTeamServer && (
        <TeamPathsStep
          choice={team}
          onChange={setTeam}
          choices={choices}
          onPlanned={(request, plan) => setStep({ name: 'plan', request, plan })}
        />
      )}
      {step.name === 'paths' && !onTeamServer && (
        <PathsStep
          form={form}
          onChange={setForm}
          choices={choices}
          onPlanned={(request, plan) => setStep({ name: 'plan', request, plan })}
        />
      )}
      {step.name === 'plan' && (
        <PlanStep
          request={step.request}
          plan={step.plan}
          onBack={() => {
            setChoices({
              ...(step.request.namePattern !== undefined ? { namePattern: step.request.namePattern } : {}),
              ...(step.request.transcriptMatches
                ? { transcriptMatches: step.request.transcriptMatches }
                : {}),
            });
            setStep({ name: 'paths' });
          }}
          onReplanned={(request, plan) => setStep({ name: 'plan', request, plan })}
          onStarted={(batchId) => setStep({ name: 'progress', batchId })}
        />
      )}
      {step.name === 'progress' && (
        <ImportProgressView
          batchId={step.batchId}
          onAgain={() => {
            setForm({ paths: '', copy: false });
            setTeam(noTeamChoice);
            setChoices({});
            setStep({ name: 'paths' });
          }}
        />
      )}
    </Stack>
  );
}
