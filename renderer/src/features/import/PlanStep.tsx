import { Alert, Button, Card, Checkbox, Group, List, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPlan, ImportRequest, ManifestMapping as Mapping } from '../../../../shared/api';
import { api } from '../../api/client';
import { Breakable } from '../../app/Breakable';
import { ManifestMapping } from './ManifestMapping';
import { NamePatternCard } from './NamePatternCard';
import { PlanFileList } from './PlanFileList';
import { PlanSummary } from './PlanSummary';
import { baseName } from './plan-view';
import { SpeakerRoles, type RoleAnswers } from './SpeakerRoles';

/** Step 2: what the chosen files will become; every change (mapping, pairing, pattern, a match) is previewed again at once. */
export function PlanStep({
  request,
  plan,
  onBack,
  onReplanned,
  onStarted,
}: {
  request: ImportRequest;
  plan: ImportPlan;
  onBack: () => void;
  onReplanned: (request: ImportRequest, plan: ImportPlan) => void;
  onStarted: (batchId: number) => void;
}) {
  const { t } = useTranslation();
  const [roles, setRoles] = useState<RoleAnswers>({});
  // Local, so the box shows the choice at once while the preview is worked out again.
  const [pairLegs, setPairLegs] = useState(plan.pairLegs);
  const replan = useMutation({
    mutationFn: async (next: ImportRequest) => ({ next, plan: await api.import.preview(next) }),
    onSuccess: ({ next, plan: replanned }) => onReplanned(next, replanned),
  });
  const start = useMutation({
    mutationFn: () => {
      const mapping = plan.manifest
        ? { manifest: { path: plan.manifest.path, mapping: plan.manifest.mapping } }
        : {};
      return api.import.start({ ...request, ...mapping, roles });
    },
    onSuccess: ({ batchId }) => onStarted(batchId),
  });
  const setMapping = (mapping: Mapping) =>
    replan.mutate({ ...request, manifest: { path: plan.manifest!.path, mapping } });
  const setMatch = (transcript: string, recording: string | null) =>
    replan.mutate({
      ...request,
      transcriptMatches: { ...request.transcriptMatches, [transcript]: recording },
    });
  const nothing = plan.calls + plan.chatFiles + plan.detailUpdates === 0;
  // A manifest on its own, for recordings imported before: the import only updates their details.
  const onlyUpdates = plan.calls + plan.chatFiles === 0 && plan.detailUpdates > 0;

  return (
    <Stack data-testid="import-plan" data-busy={replan.isPending}>
      <PlanSummary plan={plan} />
      {plan.detailUpdates > 0 && (
        <Text data-testid="plan-detail-updates">
          {t('import.plan.detailUpdates', { count: plan.detailUpdates })}
        </Text>
      )}

      {plan.legPairs.length > 0 && (
        <Card withBorder>
          <Checkbox
            label={t('import.plan.pairLegs', { count: plan.legPairs.length })}
            description={plan.legPairs
              .slice(0, 3)
              .map((pair) => `${baseName(pair.agent)} + ${baseName(pair.customer)}`)
              .join(' · ')}
            checked={pairLegs}
            onChange={(event) => {
              setPairLegs(event.currentTarget.checked);
              replan.mutate({ ...request, pairLegs: event.currentTarget.checked });
            }}
            data-testid="import-pair-legs"
          />
        </Card>
      )}

      <NamePatternCard
        plan={plan}
        busy={replan.isPending}
        onApply={(namePattern) => replan.mutate({ ...request, namePattern })}
      />
      {plan.manifest && <ManifestMapping manifest={plan.manifest} onChange={setMapping} />}
      {plan.roleQuestions.length > 0 && (
        <SpeakerRoles questions={plan.roleQuestions} answers={roles} onChange={setRoles} />
      )}

      <PlanFileList plan={plan} onMatch={setMatch} />

      {plan.problems.length > 0 && (
        <Alert color="yellow" title={t('import.plan.problems')} data-testid="plan-problems">
          <List size="sm">
            {plan.problems.map((problem) => (
              <List.Item key={problem.file}>
                <Breakable text={problem.message} />
              </List.Item>
            ))}
          </List>
        </Alert>
      )}

      {(replan.error ?? start.error) && <Text c="red">{(replan.error ?? start.error)!.message}</Text>}
      <Group>
        <Button variant="default" onClick={onBack} data-testid="import-back">
          {t('import.plan.back')}
        </Button>
        <Button
          onClick={() => start.mutate()}
          loading={start.isPending}
          disabled={nothing || replan.isPending}
          data-testid="import-start"
        >
          {onlyUpdates
            ? t('import.plan.startUpdates', { count: plan.detailUpdates })
            : t('import.plan.start', { count: plan.calls + plan.chatFiles })}
        </Button>
      </Group>
    </Stack>
  );
}
