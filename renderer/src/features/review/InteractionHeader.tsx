import { ActionIcon, Anchor, Badge, Button, Group, Kbd, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { InteractionDetails } from '../../../../shared/api/methods/details';
import { formatDateTime } from '../../app/format';
import { DetailsDialog } from '../details/DetailsDialog';
import { QueueNote } from '../queue/QueueNote';
import { requestShortcutHelp } from '../shortcuts/help-requests';
import { useShortcutBindings } from '../shortcuts/useShortcutBindings';
import { useShortcuts } from '../shortcuts/useShortcuts';
import { ChevronLeftIcon, ChevronRightIcon, KeyboardIcon } from './icons';
import { useNeighbours } from './useNeighbours';

export function BackLink({ librarySearch }: { librarySearch: string }) {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to={`/${librarySearch}`} size="sm" data-testid="back-to-library">
      ← {t('review.back')}
    </Anchor>
  );
}

/**
 * The way back to the list, the previous and next interaction in it, the evaluation form to dock beside
 * (it stays docked on the next interaction, for working down a queue), and what this interaction is.
 */
export function InteractionHeader({
  interaction,
  librarySearch,
  evaluating,
  onEvaluate,
}: {
  interaction: InteractionDetails;
  librarySearch: string;
  /** The evaluation form is docked. */
  evaluating: boolean;
  onEvaluate: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const neighbours = useNeighbours(interaction.id, librarySearch, evaluating ? '?dock=evaluation' : '');
  const evaluateKeys = useShortcutBindings().evaluate[0];
  const { data } = neighbours;
  useShortcuts('review', {
    nextInteraction: neighbours.openNext,
    previousInteraction: neighbours.openPrevious,
    backToLibrary: neighbours.backToLibrary,
  });
  return (
    <Stack gap={4}>
      <Group justify="space-between" wrap="nowrap">
        <BackLink librarySearch={librarySearch} />
        <Group gap={6} wrap="nowrap" data-testid="interaction-navigation">
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<ChevronLeftIcon size={14} />}
            disabled={!data?.previous}
            onClick={neighbours.openPrevious}
            title={data?.previous?.title}
            data-testid="previous-interaction"
          >
            {t('review.navigation.previous')}
          </Button>
          {data?.position != null && (
            <Text size="sm" c="dimmed" data-testid="interaction-position">
              {t('review.navigation.position', { position: data.position, total: data.total })}
            </Text>
          )}
          <Button
            size="compact-sm"
            variant="default"
            rightSection={<ChevronRightIcon size={14} />}
            disabled={!data?.next}
            onClick={neighbours.openNext}
            title={data?.next?.title}
            data-testid="next-interaction"
          >
            {t('review.navigation.next')}
          </Button>
          <Button
            size="compact-sm"
            variant={evaluating ? 'light' : 'filled'}
            onClick={onEvaluate}
            aria-pressed={evaluating}
            rightSection={
              evaluateKeys ? (
                <Kbd size="xs" style={{ background: 'transparent', color: 'inherit' }}>
                  {evaluateKeys}
                </Kbd>
              ) : undefined
            }
            data-testid="evaluate-interaction"
          >
            {t('review.navigation.evaluate')}
          </Button>
          <Tooltip label={t('review.navigation.shortcuts')}>
            <ActionIcon
              variant="subtle"
              onClick={requestShortcutHelp}
              aria-label={t('review.navigation.shortcuts')}
              data-testid="open-shortcut-help"
            >
              <KeyboardIcon />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <Group align="baseline" gap="sm" wrap="nowrap">
        <Badge
          variant="light"
          color={interaction.kind === 'call' ? 'indigo' : 'teal'}
          style={{ flexShrink: 0 }}
        >
          {t(`library.kind.${interaction.kind}`)}
        </Badge>
        <Title order={2} lineClamp={1} data-testid="interaction-title">
          {interaction.title}
        </Title>
      </Group>
      <Group gap="xs" wrap="nowrap">
        <Text c="dimmed" size="sm" data-testid="interaction-details">
          {[
            t('review.details', {
              agent: interaction.agentName ?? '–',
              team: interaction.teamName ?? '–',
              started: formatDateTime(interaction.startedAt, i18n.language),
            }),
            interaction.direction && t(`details.direction.${interaction.direction}`),
            interaction.queue,
            interaction.customerRef && t('details.customer', { ref: interaction.customerRef }),
            interaction.customerRating &&
              t('details.ratingShown', { rating: t(`details.rating.${interaction.customerRating}`) }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => setEditing(true)}
          data-testid="edit-details"
        >
          {t('details.edit')}
        </Button>
      </Group>
      <QueueNote interactionId={interaction.id} />
      <DetailsDialog interaction={interaction} opened={editing} onClose={() => setEditing(false)} />
    </Stack>
  );
}
