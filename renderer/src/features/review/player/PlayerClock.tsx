import { TextInput, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../../app/format';
import { useShortcuts } from '../../shortcuts/useShortcuts';
import { parseClock } from './clock';
import type { PlayerController } from './controller';
import { usePlayerState, type PlayerStore } from './player-store';

/**
 * "12:34 of 2:00:00". Clicking it (or G) turns it into a box to type a time into, for the moment a
 * complaint or a ticket names ("at about 1:45:00 the agent...").
 */
export function PlayerClock({
  store,
  controller,
  durationMs,
}: {
  store: PlayerStore;
  controller: PlayerController | null;
  durationMs: number;
}) {
  const { t } = useTranslation();
  const second = usePlayerState(store, (state) => Math.floor(state.currentMs / 1000));
  const [editing, setEditing] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const open = () => {
    setInvalid(false);
    setEditing(formatDuration(second * 1000));
  };
  useShortcuts('review', { goToTime: open });

  if (editing !== null) {
    const go = () => {
      const ms = parseClock(editing);
      if (ms === null || ms > durationMs) return setInvalid(true);
      controller?.seek(ms);
      setEditing(null);
    };
    return (
      <TextInput
        size="xs"
        w={130}
        autoFocus
        value={editing}
        onFocus={(event) => event.currentTarget.select()}
        onChange={(event) => setEditing(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') go();
          if (event.key === 'Escape') setEditing(null);
        }}
        onBlur={() => setEditing(null)}
        error={invalid}
        aria-label={t('review.player.goToTime')}
        placeholder="1:45:00"
        data-testid="player-go-to"
      />
    );
  }
  return (
    <UnstyledButton
      onClick={open}
      ff="monospace"
      fz="sm"
      px={6}
      title={t('review.player.goToTime')}
      data-testid="player-position"
    >
      {t('review.position', { current: formatDuration(second * 1000), total: formatDuration(durationMs) })}
    </UnstyledButton>
  );
}
