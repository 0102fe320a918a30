import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MAX_REEL_MOMENTS, MAX_REEL_TITLE_CHARS, type WowMoment } from '../../../../shared/api/methods/reels';
import { momentPlace } from '../agents/where';
import { DownIcon, RemoveIcon, UpIcon } from './icons';
import type { ReelDraft } from './reel-edit';

/** The reel being put together: its title and its clips in playing order, to reorder, save and play. */
export function ReelBuilder({
  draft,
  saved,
  changed,
  saving,
  error,
  onTitle,
  onMove,
  onRemove,
  onSave,
  onPlay,
  onNew,
}: {
  draft: ReelDraft;
  /** The reel exists in the database (else saving creates it). */
  saved: boolean;
  changed: boolean;
  saving: boolean;
  error: string | null;
  onTitle: (title: string) => void;
  onMove: (index: number, direction: -1 | 1) => void;
  onRemove: (id: number) => void;
  onSave: () => void;
  onPlay: () => void;
  onNew: () => void;
}) {
  const { t } = useTranslation();
  const count = draft.moments.length;
  return (
    <Paper withBorder p="sm" data-testid="reel-builder" data-saved={saved} data-changed={changed}>
      <Group justify="space-between" mb="xs" gap="xs">
        <Title order={4}>{saved ? t('reels.builder.editTitle') : t('reels.builder.newTitle')}</Title>
        {saved && (
          <Button variant="subtle" size="compact-xs" onClick={onNew} data-testid="reel-new">
            {t('reels.builder.new')}
          </Button>
        )}
      </Group>
      <Stack gap="xs">
        <TextInput
          label={t('reels.builder.title')}
          placeholder={t('reels.builder.titlePlaceholder')}
          value={draft.title}
          maxLength={MAX_REEL_TITLE_CHARS}
          onChange={(event) => onTitle(event.currentTarget.value)}
          data-testid="reel-title"
        />
        {count === 0 ? (
          <Text size="sm" c="dimmed" data-testid="reel-empty">
            {t('reels.builder.empty')}
          </Text>
        ) : (
          <Stack gap={4} data-testid="reel-moments">
            {draft.moments.map((moment, index) => (
              <ReelEntry
                key={moment.id}
                moment={moment}
                index={index}
                last={index === count - 1}
                onMove={(direction) => onMove(index, direction)}
                onRemove={() => onRemove(moment.id)}
              />
            ))}
            <Text size="xs" c="dimmed">
              {t('reels.builder.count', { count, max: MAX_REEL_MOMENTS })}
            </Text>
          </Stack>
        )}
        {error && (
          <Alert color="red" p="xs" data-testid="reel-error">
            {error}
          </Alert>
        )}
        <Group justify="space-between" gap="xs">
          <Text size="xs" c={changed ? 'orange.8' : 'dimmed'} data-testid="reel-save-state">
            {changed ? t('reels.builder.unsaved') : saved ? t('reels.builder.saved') : ''}
          </Text>
          <Group gap="xs">
            <Button
              variant="default"
              onClick={onSave}
              loading={saving}
              disabled={!changed || draft.title.trim() === ''}
              data-testid="reel-save"
            >
              {t('reels.builder.save')}
            </Button>
            <Button color="green" onClick={onPlay} disabled={count === 0} data-testid="reel-play">
              {t('reels.builder.play')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}

function ReelEntry({
  moment,
  index,
  last,
  onMove,
  onRemove,
}: {
  moment: WowMoment;
  index: number;
  last: boolean;
  onMove: (direction: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group
      gap="xs"
      wrap="nowrap"
      p={6}
      style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-sm)' }}
      data-testid="reel-entry"
      data-moment-id={moment.id}
    >
      <Badge variant="light" color="green" circle>
        {index + 1}
      </Badge>
      <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm" fw={600} truncate>
          {moment.agentName ?? t('reels.unknownAgent')}
        </Text>
        <Text size="xs" c="dimmed" truncate title={moment.comment || undefined}>
          {[moment.interactionTitle, momentPlace(t, moment)].filter(Boolean).join(' · ')}
        </Text>
      </Stack>
      <Group gap={2} wrap="nowrap">
        <Tooltip label={t('reels.builder.up')}>
          <ActionIcon
            variant="subtle"
            size="sm"
            disabled={index === 0}
            onClick={() => onMove(-1)}
            aria-label={t('reels.builder.up')}
            data-testid="reel-up"
          >
            <UpIcon />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('reels.builder.down')}>
          <ActionIcon
            variant="subtle"
            size="sm"
            disabled={last}
            onClick={() => onMove(1)}
            aria-label={t('reels.builder.down')}
            data-testid="reel-down"
          >
            <DownIcon />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('reels.builder.remove')}>
          <ActionIcon
            variant="subtle"
            color="red"
            size="sm"
            onClick={onRemove}
            aria-label={t('reels.builder.remove')}
            data-testid="reel-remove"
          >
            <RemoveIcon />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Group>
  );
}
