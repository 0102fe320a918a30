import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AgentMoment } from '../../../../shared/api/methods/agents';
import type { AgentRef } from '../../../../shared/api/methods/coaching';
import type { Tag } from '../../../../shared/api/methods/review';
import { MomentRow } from './MomentRow';
import { StarIcon } from './StarIcon';

const FIRST_SHOWN = 4;

/**
 * What the agent did well, in reviewers' words: recognition is part of coaching, and a one-to-one that
 * starts with praise goes better. From here the moments can go into a wow reel for the team meeting.
 */
export function WowMoments({
  agent,
  moments,
  tags,
}: {
  agent: AgentRef;
  moments: readonly AgentMoment[];
  tags: ReadonlyMap<number, Tag>;
}) {
  const { t } = useTranslation();
  const [showAll, setShowAll] = useState(false);
  const visible = showAll ? moments : moments.slice(0, FIRST_SHOWN);
  return (
    <Paper
      withBorder
      p="sm"
      bg="var(--mantine-color-green-0)"
      style={{ borderColor: 'var(--mantine-color-green-3)' }}
      data-testid="wow-moments"
    >
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        <Group gap="xs" c="green.8">
          <StarIcon size={20} />
          <Title order={4}>{t('agents.wow.title')}</Title>
          <Badge color="green" variant="filled">
            {moments.length}
          </Badge>
        </Group>
        {moments.length > 0 && (
          <Button
            component={Link}
            to={`/reels?agent=${agent.id}`}
            size="xs"
            variant="light"
            color="green"
            data-testid="wow-to-reel"
          >
            {t('agents.wow.toReel')}
          </Button>
        )}
      </Group>
      {moments.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="wow-empty">
          {t('agents.wow.empty', { name: agent.name })}
        </Text>
      ) : (
        <Stack gap="xs">
          <Text size="sm" c="green.9">
            {t('agents.wow.praise', { name: agent.name })}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
            {visible.map((moment) => (
              <MomentRow key={moment.id} moment={moment} tags={tags} wow />
            ))}
          </SimpleGrid>
          {moments.length > visible.length && (
            <Button variant="subtle" color="green" size="xs" onClick={() => setShowAll(true)}>
              {t('agents.moments.showAll', { count: moments.length })}
            </Button>
          )}
        </Stack>
      )}
    </Paper>
  );
}
