import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AgentMoment } from '../../../../shared/api/methods/agents';
import type { Tag } from '../../../../shared/api/methods/review';
import { formatDateTime } from '../../app/format';
import { ClipPlayer } from '../clips/ClipPlayer';
import { MomentTags } from './MomentTags';
import { momentPlace } from './where';

/**
 * One tagged moment: its tags, the reviewer's comment, which call or chat and when, and the clip
 * itself, so the team lead can play it in the meeting without opening the review workspace.
 */
export function MomentRow({
  moment,
  tags,
  wow = false,
}: {
  moment: AgentMoment;
  tags: ReadonlyMap<number, Tag>;
  wow?: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Paper
      withBorder
      p="sm"
      style={{ borderLeft: `4px solid var(--mantine-color-${wow ? 'green-6' : 'yellow-6'})` }}
      data-testid={wow ? 'wow-moment' : 'agent-moment'}
      data-moment-id={moment.id}
    >
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <MomentTags tagIds={moment.tagIds} tags={tags} />
          <Text size="xs" c="dimmed" ta="right" style={{ flexShrink: 0 }}>
            {moment.authorName && t('agents.moments.by', { name: moment.authorName })}
          </Text>
        </Group>
        <Text
          size="sm"
          fw={wow ? 600 : undefined}
          c={moment.comment ? undefined : 'dimmed'}
          style={{ whiteSpace: 'pre-wrap' }}
          lineClamp={4}
        >
          {moment.comment || t('agents.moments.noComment')}
        </Text>
        <Group gap={6} wrap="wrap">
          <Anchor
            component={Link}
            to={`/interaction/${moment.interactionId}`}
            size="sm"
            fw={500}
            data-testid="moment-interaction"
          >
            {moment.interactionTitle}
          </Anchor>
          <Text size="xs" c="dimmed">
            {[momentPlace(t, moment), formatDateTime(moment.interactionStartedAt, i18n.language)]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Group>
        <ClipPlayer moment={moment} />
      </Stack>
    </Paper>
  );
}
