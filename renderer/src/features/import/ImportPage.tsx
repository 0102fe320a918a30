import { Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPlan, ImportRequest } from '../../../../shared/api';
import { ImportProgressView } from './ImportProgressView';
import { PathsStep } from './PathsStep';
import { PlanStep } from './PlanStep';

type Step =
  | { name: 'paths' }
  | { name: 'plan'; request: ImportRequest; plan: ImportPlan }
  | { name: 'progress'; batchId: number };

/** Import in three steps: choose files, check what they will become (mapping, pairing, speakers), watch it run. */
export function ImportPage() {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ name: 'paths' });
  return (
    <Stack maw={1100} data-testid="import" data-step={step.name}>
      <Title order={2}>{t('import.title')}</Title>
      {step.name === 'paths' && (
        <PathsStep onPlanned={(request, plan) => setStep({ name: 'plan', request, plan })} />
      )}
      {step.name === 'plan' && (
        <PlanStep
          request={step.request}
          plan={step.plan}
          onBack={() => setStep({ name: 'paths' })}
          onReplanned={(request, plan) => setStep({ name: 'plan', request, plan })}
          onStarted={(batchId) => setStep({ name: 'progress', batchId })}
        />
      )}
      {step.name === 'progress' && (
        <ImportProgressView batchId={step.batchId} onAgain={() => setStep({ name: 'paths' })} />
      )}
    </Stack>
  );
}
