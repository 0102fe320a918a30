import { Alert, Anchor, Badge, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { QueueNote } from '../queue/QueueNote';
import { EvaluationForm } from './EvaluationForm';

/**
 * `/interaction/:id/evaluate`: the evaluation form on its own page, under a compact header of the
 * interaction with the way to its review workspace. The shown evaluation is kept in the URL
 * (`?evaluation=12`), so a reload or a bookmark comes back to it.
 */
export function EvaluatePage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const [search, setSearch] = useSearchParams();
  const interaction = useQuery({
    queryKey: ['interaction', id],
    queryFn: () => api.interaction.get({ id }),
    enabled: Number.isInteger(id) && id > 0,
  });
  const evaluationParam = search.get('evaluation');
  const evaluationId = evaluationParam === null ? undefined : Number(evaluationParam) || null;

  if (interaction.isPending) return <Loader />;
  if (interaction.isError)
    return <Alert color="red">{t('errors.generic', { message: interaction.error.message })}</Alert>;
  const item = interaction.data;
  return (
    <Stack gap="md" maw={980} data-testid="evaluate-page" data-state="ready" data-interaction-id={item.id}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Group gap="sm" wrap="nowrap">
            <Badge variant="light" color={item.kind === 'call' ? 'indigo' : 'teal'}>
              {t(`library.kind.${item.kind}`)}
            </Badge>
            <Title order={2} lineClamp={1} data-testid="evaluate-title">
              {item.title}
            </Title>
          </Group>
          <Text size="sm" c="dimmed" data-testid="evaluate-agent">
            {t('evaluation.header', {
              agent: item.agentName ?? '–',
              team: item.teamName ?? '–',
              started: formatDateTime(item.startedAt, i18n.language),
            })}
          </Text>
          <QueueNote interactionId={item.id} />
        </Stack>
        <Anchor
          component={Link}
          to={`/interaction/${item.id}`}
          size="sm"
          style={{ whiteSpace: 'nowrap' }}
          data-testid="open-review"
        >
          {t('evaluation.openReview')} →
        </Anchor>
      </Group>
      <EvaluationForm
        interactionId={item.id}
        evaluationId={evaluationId}
        onEvaluationChange={(next) =>
          setSearch(next === null ? { evaluation: '' } : { evaluation: String(next) }, { replace: true })
        }
      />
    </Stack>
  );
}
