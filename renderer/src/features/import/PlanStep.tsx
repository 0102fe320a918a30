import { Alert, Button, Card, Checkbox, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPlan, ImportRequest, ManifestMapping as Mapping } from '../../../../shared/api';
import { api } from '../../api/client';
import { ManifestMapping } from './ManifestMapping';
import { SpeakerRoles, type RoleAnswers } from './SpeakerRoles';

/** Step 2: what the chosen files will become; mapping and pairing changes are previewed again at once. */
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
  const [pairLegs, setPairLegs] = useState(Boolean(request.pairLegs));
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
  const nothing = plan.calls + plan.chatFiles === 0;

  return (
    <Stack data-testid="import-plan">
      <Card withBorder>
        <Title order={4} mb="xs">
          {t('import.plan.title')}
        </Title>
        <SimpleGrid cols={{ base: 2, md: 6 }}>
          {(['total', 'audio', 'transcripts', 'chats', 'manifests', 'unknown'] as const).map((key) => (
            <div key={key}>
              <Text size="xl" fw={700} data-testid={`plan-${key}`}>
                {plan.files[key]}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`import.plan.files.${key}`)}
              </Text>
            </div>
          ))}
        </SimpleGrid>
        <Text mt="sm" data-testid="plan-summary">
          {t('import.plan.summaryCalls', { count: plan.calls })}{' '}
          {t('import.plan.summaryChats', { count: plan.chatFiles })}
        </Text>
      </Card>

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

      {plan.manifest && <ManifestMapping manifest={plan.manifest} onChange={setMapping} />}
      {plan.roleQuestions.length > 0 && (
        <SpeakerRoles questions={plan.roleQuestions} answers={roles} onChange={setRoles} />
      )}

      {(plan.problems.length > 0 || plan.unknownFiles.length > 0) && (
        <Alert color="yellow" title={t('import.plan.problems')} data-testid="plan-problems">
          <List size="sm">
            {plan.problems.map((problem) => (
              <List.Item key={problem.file}>{problem.message}</List.Item>
            ))}
            {plan.unknownFiles.map((file) => (
              <List.Item key={file}>{t('import.plan.unknownFile', { file })}</List.Item>
            ))}
          </List>
        </Alert>
      )}

      {(replan.error ?? start.error) && <Text c="red">{(replan.error ?? start.error)!.message}</Text>}
      <Group>
        <Button variant="default" onClick={onBack}>
          {t('import.plan.back')}
        </Button>
        <Button
          onClick={() => start.mutate()}
          loading={start.isPending}
          disabled={nothing || replan.isPending}
          data-testid="import-start"
        >
          {t('import.plan.start', { count: plan.calls + plan.chatFiles })}
        </Button>
      </Group>
    </Stack>
  );
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
