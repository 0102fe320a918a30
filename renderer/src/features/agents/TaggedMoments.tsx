import { Badge, Button, Chip, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentMoment } from '../../../../shared/api/methods/agents';
import type { Tag } from '../../../../shared/api/methods/review';
import { tagLabel } from '../review/moments/tag-label';
import { tagCounts, withTag } from './moment-groups';
import { MomentRow } from './MomentRow';

/** Enough to prepare one conversation; the rest are a click away. */
const FIRST_SHOWN = 6;

/**
 * The moments reviewers tagged on the agent's calls and chats, newest first, narrowed by tag: the
 * counts on the chips are the agent's recurring themes ("interruption ×5").
 */
export function TaggedMoments({
  moments,
  tags,
}: {
  moments: readonly AgentMoment[];
  tags: ReadonlyMap<number, Tag>;
}) {
  const { t } = useTranslation();
  const [tagId, setTagId] = useState<number | null>(null);
  const [showAll, setShowAll] = useState(false);
  const shown = withTag(moments, tagId);
  const visible = showAll ? shown : shown.slice(0, FIRST_SHOWN);
  const counts = tagCounts(moments).filter(({ tagId: id }) => tags.get(id)?.builtin !== 'exemplary');

  return (
    <Paper withBorder p="sm" data-testid="tagged-moments">
      <Group gap="xs" mb={4}>
        <Title order={4}>{t('agents.moments.title')}</Title>
        <Badge variant="light" color="gray">
          {moments.length}
        </Badge>
      </Group>
      {moments.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="tagged-moments-empty">
          {t('agents.moments.empty')}
        </Text>
      ) : (
        <Stack gap="xs">
          {counts.length > 1 && (
            <Chip.Group
              multiple={false}
              value={tagId === null ? '' : String(tagId)}
              onChange={(value) => setTagId(value ? Number(value) : null)}
            >
              <Group gap={6}>
                <Chip value="" size="xs" variant="outline">
                  {t('agents.moments.allTags')}
                </Chip>
                {counts.map(({ tagId: id, count }) => {
                  const tag = tags.get(id);
                  return tag ? (
                    <Chip
                      key={id}
                      value={String(id)}
                      size="xs"
                      variant="outline"
                      data-testid="moment-tag-filter"
                    >
                      {tagLabel(t, tag)} ×{count}
                    </Chip>
                  ) : null;
                })}
              </Group>
            </Chip.Group>
          )}
          {visible.map((moment) => (
            <MomentRow key={moment.id} moment={moment} tags={tags} />
          ))}
          {shown.length > visible.length && (
            <Button
              variant="subtle"
              size="xs"
              onClick={() => setShowAll(true)}
              data-testid="moments-show-all"
            >
              {t('agents.moments.showAll', { count: shown.length })}
            </Button>
          )}
        </Stack>
      )}
    </Paper>
  );
}
