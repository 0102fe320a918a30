import { Blockquote, Box, Button, Center, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WowMoment } from '../../../../shared/api/methods/reels';
import { formatDateTime } from '../../app/format';
import { StarIcon } from '../agents/StarIcon';
import { ClipPlayer } from '../clips/ClipPlayer';
import { clipSpan } from '../clips/clip-span';
import { praisedAgents } from './reel-edit';

/**
 * Play mode for the team meeting, full screen: one clip after another, each on a big card with the
 * agent's name and team, the call and the reviewer's words, so the praise reaches the agent who earned
 * it. A clip that ends moves on to the next (a chat message ends once its reading time is up); Page
 * Up/Down (what presentation clickers send) and the arrow keys go back and forth. Ends with who was
 * praised.
 */
export function ReelPlayer({
  title,
  moments,
  opened,
  onClose,
}: {
  title: string;
  moments: readonly WowMoment[];
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      fullScreen
      title={<Text fw={700}>{title || t('reels.play.untitled')}</Text>}
      closeButtonProps={{ 'aria-label': t('reels.play.close') }}
      transitionProps={{ duration: 0 }}
    >
      {opened && moments.length > 0 && <ReelStage moments={moments} />}
    </Modal>
  );
}

function ReelStage({ moments }: { moments: readonly WowMoment[] }) {
  const { t } = useTranslation();
  const [index, setIndex] = useState(0);
  const [finished, setFinished] = useState(false);
  const go = (next: number) => {
    setFinished(false);
    setIndex(Math.max(0, Math.min(moments.length - 1, next)));
  };
  const advance = () => (index + 1 < moments.length ? go(index + 1) : setFinished(true));
  // The clip's own slider takes the arrow keys while it has focus.
  const unlessSlider = (action: () => void) => (event: KeyboardEvent) => {
    if ((event.target as HTMLElement | null)?.getAttribute('role') !== 'slider') action();
  };
  useHotkeys([
    ['PageDown', () => advance()],
    ['PageUp', () => go(index - 1)],
    ['ArrowRight', unlessSlider(advance)],
    ['ArrowLeft', unlessSlider(() => go(index - 1))],
  ]);
  const moment = moments[index]!;

  return (
    <Stack
      gap="lg"
      maw={960}
      mx="auto"
      py="md"
      data-testid="reel-player"
      data-index={index}
      data-finished={finished}
    >
      {finished ? (
        <ReelEnd moments={moments} onAgain={() => go(0)} />
      ) : (
        <ReelCard key={moment.id} moment={moment} index={index} total={moments.length} onEnded={advance} />
      )}
      <Group justify="space-between">
        <Button
          variant="default"
          size="md"
          disabled={index === 0 && !finished}
          onClick={() => (finished ? setFinished(false) : go(index - 1))}
          data-testid="reel-previous"
        >
          ← {t('reels.play.previous')}
        </Button>
        <Text c="dimmed" data-testid="reel-position">
          {t('reels.play.position', { current: index + 1, total: moments.length })}
        </Text>
        <Button size="md" color="green" disabled={finished} onClick={advance} data-testid="reel-next">
          {index + 1 < moments.length ? t('reels.play.next') : t('reels.play.finish')} →
        </Button>
      </Group>
    </Stack>
  );
}

function ReelCard({
  moment,
  index,
  total,
  onEnded,
}: {
  moment: WowMoment;
  index: number;
  total: number;
  onEnded: () => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Paper
      withBorder
      shadow="md"
      radius="lg"
      p="xl"
      bg="var(--mantine-color-green-0)"
      style={{ borderColor: 'var(--mantine-color-green-4)', borderWidth: 2 }}
      data-testid="reel-card"
      data-moment-id={moment.id}
    >
      <Stack gap="md">
        <Group gap="xs" c="green.8">
          <StarIcon size={28} />
          <Text fw={700} tt="uppercase" size="sm">
            {t('reels.play.wow')}
          </Text>
        </Group>
        <Stack gap={0}>
          <Title order={1} fz={44} lh={1.1} data-testid="reel-agent">
            {moment.agentName ?? t('reels.unknownAgent')}
          </Title>
          {moment.teamName && (
            <Text fz="xl" c="dimmed">
              {moment.teamName}
            </Text>
          )}
        </Stack>
        <Text size="md">
          {moment.interactionTitle}
          <Text span c="dimmed">
            {' · '}
            {formatDateTime(moment.interactionStartedAt, i18n.language)}
          </Text>
        </Text>
        {moment.comment && (
          <Blockquote
            color="green"
            fz={24}
            lh={1.35}
            p="md"
            cite={moment.authorName ? `– ${moment.authorName}` : undefined}
            style={{ whiteSpace: 'pre-wrap' }}
            data-testid="reel-comment"
          >
            {moment.comment}
          </Blockquote>
        )}
        {/* A chat message is read out in the room, so its text gets the size of the comment above; it
            "plays" for its reading time, then the reel moves on as it does after a call. */}
        <Box
          bg="white"
          p="sm"
          style={{ borderRadius: 'var(--mantine-radius-md)', '--clip-quote-size': '20px' }}
        >
          <ClipPlayer
            moment={moment}
            autoPlay
            onEnded={onEnded}
            label={
              clipSpan(moment) || !moment.turnText
                ? t('reels.play.clipOf', { current: index + 1, total })
                : t('reels.play.messageOf', { current: index + 1, total })
            }
          />
        </Box>
      </Stack>
    </Paper>
  );
}

function ReelEnd({ moments, onAgain }: { moments: readonly WowMoment[]; onAgain: () => void }) {
  const { t } = useTranslation();
  const names = praisedAgents(moments);
  return (
    <Paper withBorder radius="lg" p="xl" bg="var(--mantine-color-green-0)" data-testid="reel-end">
      <Center>
        <Stack align="center" gap="md">
          <Box c="green.7">
            <StarIcon size={48} />
          </Box>
          <Title order={2}>{t('reels.play.endTitle')}</Title>
          {names.length > 0 && (
            <Text fz="xl" ta="center">
              {t('reels.play.wellDone', { names: names.join(', ') })}
            </Text>
          )}
          <Button variant="light" color="green" onClick={onAgain} data-testid="reel-again">
            {t('reels.play.again')}
          </Button>
        </Stack>
      </Center>
    </Paper>
  );
}
