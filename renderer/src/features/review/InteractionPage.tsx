import { Alert, Anchor, Badge, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { ChatView } from './ChatView';
import { Player, type PlayerHandle } from './Player';
import { Transcript } from './Transcript';

export function InteractionPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const librarySearch = (useLocation().state as { librarySearch?: string } | null)?.librarySearch ?? '';
  const interaction = useQuery({
    queryKey: ['interaction', id],
    queryFn: () => api.interaction.get({ id }),
    enabled: Number.isInteger(id) && id > 0,
  });
  const [currentMs, setCurrentMs] = useState(0);
  const player = useRef<PlayerHandle | null>(null);
  const onTime = useCallback((seconds: number) => setCurrentMs(seconds * 1000), []);
  const onReady = useCallback((handle: PlayerHandle) => (player.current = handle), []);

  const back = (
    <Anchor component={Link} to={`/${librarySearch}`} size="sm" data-testid="back-to-library">
      ← {t('review.back')}
    </Anchor>
  );
  if (interaction.isPending) return <Loader />;
  if (interaction.isError) {
    return (
      <Stack>
        {back}
        <Alert color="red">{t('errors.generic', { message: interaction.error.message })}</Alert>
      </Stack>
    );
  }
  const item = interaction.data;

  return (
    <Stack data-testid="interaction" data-state="ready" data-kind={item.kind}>
      {back}
      <Group align="baseline">
        <Badge variant="light" color={item.kind === 'call' ? 'indigo' : 'teal'}>
          {t(`library.kind.${item.kind}`)}
        </Badge>
        <Title order={2}>{item.title}</Title>
      </Group>
      <Text c="dimmed" size="sm">
        {t('review.details', {
          agent: item.agentName ?? '–',
          team: item.teamName ?? '–',
          started: formatDateTime(item.startedAt, i18n.language),
        })}
      </Text>
      {item.kind === 'call' ? (
        <Grid>
          <Grid.Col span={12}>
            {item.recording ? (
              <Player recording={item.recording} onTime={onTime} onReady={onReady} />
            ) : (
              <Text c="dimmed">{t('review.noRecording')}</Text>
            )}
          </Grid.Col>
          <Grid.Col span={12}>
            <Title order={4} mb="xs">
              {t('review.transcript')}
            </Title>
            <Transcript
              segments={item.segments}
              currentMs={currentMs}
              onSeek={(ms) => player.current?.seek(ms / 1000)}
            />
          </Grid.Col>
        </Grid>
      ) : (
        <ChatView turns={item.segments} />
      )}
    </Stack>
  );
}
