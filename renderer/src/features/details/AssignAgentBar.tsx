import { Alert, Button, CloseButton, Group, Paper, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { AgentTeamFields } from './AgentTeamFields';
import { assignmentProblems } from './details-form';
import { refreshAfterDetails } from './refresh';
import { useAgentChoices } from './useAgentChoices';

/**
 * Shown while rows of the library are selected: gives them all one agent (and team) in one go, e.g.
 * the calls of an import that came without a manifest, and says how many changed.
 */
export function AssignAgentBar({ ids, onClear }: { ids: readonly number[]; onClear: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const choices = useAgentChoices();
  const [names, setNames] = useState({ agentName: '', teamName: '' });
  const [tried, setTried] = useState(false);
  const [done, setDone] = useState<{ changed: number; total: number; agent: string } | null>(null);
  const problems = assignmentProblems(names.agentName, names.teamName);
  const shownProblems = tried
    ? Object.values(problems).map((key) => t(`details.errors.${key}`, { max: 200 }))
    : [];
  const assign = useMutation({
    mutationFn: () =>
      api.library.assignAgent({
        ids: [...ids],
        agentName: names.agentName.trim(),
        teamName: names.teamName.trim() === '' ? null : names.teamName.trim(),
      }),
    onSuccess: async (result) => {
      setDone({ ...result, agent: names.agentName.trim() });
      setNames({ agentName: '', teamName: '' });
      setTried(false);
      onClear();
      await refreshAfterDetails(queryClient);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setDone(null);
    if (Object.keys(problems).length === 0) assign.mutate();
  };

  if (ids.length === 0) {
    return done ? (
      <Alert color="teal" withCloseButton onClose={() => setDone(null)} data-testid="bulk-result">
        {t('details.bulk.done', { count: done.changed, total: done.total, agent: done.agent })}
      </Alert>
    ) : null;
  }
  return (
    <Paper withBorder p="xs" bg="indigo.0" data-testid="bulk-bar">
      <form onSubmit={submit} noValidate>
        <Group gap="sm" align="flex-end" wrap="nowrap">
          <Text fw={600} size="sm" mb={8} style={{ whiteSpace: 'nowrap' }} data-testid="bulk-count">
            {t('details.bulk.selected', { count: ids.length })}
          </Text>
          <AgentTeamFields
            agentName={names.agentName}
            teamName={names.teamName}
            onChange={(change) => setNames((current) => ({ ...current, ...change }))}
            choices={choices}
            errors={tried ? problems : {}}
            agentRequired
            size="sm"
            inline
          />
          <Button type="submit" size="sm" loading={assign.isPending} data-testid="bulk-assign">
            {t('details.bulk.assign')}
          </Button>
          <CloseButton
            mb={4}
            onClick={onClear}
            aria-label={t('details.bulk.clear')}
            title={t('details.bulk.clear')}
            data-testid="bulk-clear"
          />
        </Group>
        {(shownProblems.length > 0 || assign.error) && (
          <Text c="red" size="sm" mt="xs" data-testid="bulk-error">
            {assign.error?.message ?? shownProblems.join(' ')}
          </Text>
        )}
      </form>
    </Paper>
  );
}
