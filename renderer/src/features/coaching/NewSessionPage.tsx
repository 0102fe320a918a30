import { Alert, Anchor, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { ReviewerProfile } from '../../../../shared/api/methods/profiles';
import { api } from '../../api/client';
import { DayInput } from '../../app/DayInput';
import { RequireProfile } from '../profiles/RequireProfile';
import { COACHING_KEY, sessionKey } from './coaching-keys';
import { localIsoDate } from './coaching-logic';
import { EvaluationPicker } from './EvaluationPicker';
import { useAgentOptions } from './useAgentsAndCoaches';

/**
 * `/coaching/new?agent=<id>[&evaluation=<id>]`: the coach picks the agent (unless they came from the
 * agent), the day, and the evaluations to start from (the one they came from is ticked); the backend proposes focus items and moments from those.
 */
export function NewSessionPage() {
  return <RequireProfile>{(reviewer) => <NewSessionForm coach={reviewer} />}</RequireProfile>;
}

function NewSessionForm({ coach }: { coach: ReviewerProfile }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const agents = useAgentOptions();
  const agentId = Number(search.get('agent')) || null;
  const agent = agents.agents.find((candidate) => candidate.id === agentId) ?? null;
  const [heldOn, setHeldOn] = useState(localIsoDate);
  // Started from one evaluation on the agent's page: that one is ticked already.
  const [evaluationIds, setEvaluationIds] = useState<number[]>(() => {
    const from = Number(search.get('evaluation'));
    return Number.isInteger(from) && from > 0 ? [from] : [];
  });

  const create = useMutation({
    mutationFn: () => api.coaching.create({ agentId: agentId!, heldOn, evaluationIds }),
    onSuccess: async (session) => {
      queryClient.setQueryData(sessionKey(session.id), session);
      await queryClient.invalidateQueries({
        queryKey: COACHING_KEY,
        predicate: (query) => query.queryKey[1] !== 'session',
      });
      void navigate(`/coaching/${session.id}`);
    },
  });
  const pickAgent = (value: string | null) => {
    setEvaluationIds([]);
    setSearch(value ? { agent: value } : {}, { replace: true });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (agentId && heldOn) create.mutate();
  };

  return (
    <form onSubmit={submit}>
      <Stack maw={820} data-testid="coaching-new-page" data-state={agents.isPending ? 'loading' : 'ready'}>
        <Anchor component={Link} to="/coaching" size="sm">
          ← {t('coaching.new.back')}
        </Anchor>
        <Title order={2}>{t('coaching.new.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('coaching.new.intro', { coach: coach.name })}
        </Text>
        <Group align="end" gap="md">
          <Select
            label={t('coaching.new.agent')}
            placeholder={t('coaching.new.pickAgent')}
            data={agents.options}
            value={agentId ? String(agentId) : null}
            onChange={pickAgent}
            searchable
            required
            w={300}
            data-testid="new-session-agent"
          />
          <DayInput
            label={t('coaching.new.date')}
            value={heldOn || null}
            onChange={(day) => setHeldOn(day ?? '')}
            required
            w={180}
            data-testid="new-session-date"
          />
        </Group>
        {agent && (
          <Card withBorder>
            <Stack gap="sm">
              <div>
                <Title order={4}>{t('coaching.new.evaluations')}</Title>
                <Text size="sm" c="dimmed">
                  {t('coaching.new.evaluationsHint')}
                </Text>
              </div>
              <EvaluationPicker agent={agent} selected={evaluationIds} onChange={setEvaluationIds} />
            </Stack>
          </Card>
        )}
        {agentId && !agent && !agents.isPending && (
          <Alert color="orange">{t('coaching.new.unknownAgent', { id: agentId })}</Alert>
        )}
        {create.error && (
          <Alert color="red" data-testid="new-session-error">
            {create.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button
            type="submit"
            disabled={!agent || !heldOn}
            loading={create.isPending}
            data-testid="new-session-create"
          >
            {evaluationIds.length > 0
              ? t('coaching.new.createFrom', { count: evaluationIds.length })
              : t('coaching.new.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
