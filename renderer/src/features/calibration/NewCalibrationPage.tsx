import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  MultiSelect,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../app/format';
import { namedOptions } from '../../app/options';
import { api } from '../../api/client';
import { calibrationKey, calibrationListKey } from './calibration-keys';

/** How many of the newest library interactions the picker offers (searchable by title, agent and day). */
const PICKABLE = 300;

/**
 * `/calibration/new`: a QA manager sets a session up: which calls and chats (from the library), who
 * scores them, on which rubric, whether the agent's name is hidden, and optionally whose answers are
 * the expert's reference.
 */
export function NewCalibrationPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const options = useQuery({
    queryKey: ['calibration', 'options'],
    queryFn: () => api.calibration.options({}),
  });
  const library = useQuery({
    queryKey: ['library', 'calibration-picker'],
    queryFn: () => api.library.list({ limit: PICKABLE, sort: 'startedAt', order: 'desc' }),
  });
  const [name, setName] = useState('');
  const [rubricId, setRubricId] = useState<string | null>(null);
  const [interactionIds, setInteractionIds] = useState<string[]>([]);
  const [participantIds, setParticipantIds] = useState<string[]>([]);
  const [expertId, setExpertId] = useState<string | null>(null);
  const [hideAgent, setHideAgent] = useState(true);
  const create = useMutation({
    mutationFn: () =>
      api.calibration.create({
        name,
        rubricId: Number(rubricId),
        interactionIds: interactionIds.map(Number),
        participantIds: participantIds.map(Number),
        hideAgent,
        expertId: expertId === null ? null : Number(expertId),
      }),
    onSuccess: (session) => {
      queryClient.setQueryData(calibrationKey(session.id), session);
      void queryClient.invalidateQueries({ queryKey: calibrationListKey });
      void navigate(`/calibration/${session.id}`);
    },
  });
  if (options.isPending || library.isPending) return <Loader />;
  const error = options.error ?? library.error;
  if (error) return <Alert color="red">{t('errors.generic', { message: error.message })}</Alert>;
  const reviewers = options.data!.reviewers;
  const chosen = reviewers.filter((r) => participantIds.includes(String(r.id)));
  return (
    <Stack gap="md" maw={760} data-testid="calibration-new" data-state="ready">
      <Stack gap={0}>
        <Title order={2}>{t('calibration.new.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('calibration.new.intro')}
        </Text>
      </Stack>
      <Card withBorder>
        <Stack gap="sm">
          <TextInput
            label={t('calibration.new.name')}
            placeholder={t('calibration.new.namePlaceholder')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            data-testid="calibration-name"
          />
          <Select
            label={t('calibration.new.rubric')}
            data={namedOptions(options.data!.rubrics)}
            value={rubricId}
            onChange={setRubricId}
            data-testid="calibration-rubric"
          />
          <MultiSelect
            label={t('calibration.new.interactions')}
            description={t('calibration.new.interactionsHint')}
            searchable
            data={library.data!.items.map((item) => ({
              value: String(item.id),
              label: [item.title, item.agentName, formatDateTime(item.startedAt, i18n.language)]
                .filter(Boolean)
                .join(' · '),
            }))}
            value={interactionIds}
            onChange={setInteractionIds}
            data-testid="calibration-interactions"
          />
          <MultiSelect
            label={t('calibration.new.participants')}
            description={t('calibration.new.participantsHint')}
            searchable
            data={namedOptions(reviewers)}
            value={participantIds}
            onChange={(ids) => {
              setParticipantIds(ids);
              if (expertId !== null && !ids.includes(expertId)) setExpertId(null);
            }}
            data-testid="calibration-participants-pick"
          />
          <Select
            label={t('calibration.new.expert')}
            description={t('calibration.new.expertHint')}
            placeholder={t('calibration.new.noExpert')}
            clearable
            data={namedOptions(chosen)}
            value={expertId}
            onChange={setExpertId}
            data-testid="calibration-expert"
          />
          <Checkbox
            label={t('calibration.new.hideAgent')}
            description={t('calibration.new.hideAgentHint')}
            checked={hideAgent}
            onChange={(event) => setHideAgent(event.currentTarget.checked)}
            data-testid="calibration-hide-agent"
          />
          {create.isError && <Alert color="red">{create.error.message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => void navigate('/calibration')}>
              {t('calibration.new.cancel')}
            </Button>
            <Button
              onClick={() => create.mutate()}
              loading={create.isPending}
              data-testid="calibration-create"
            >
              {t('calibration.new.create')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
