import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SaveState } from '../review/moments/useAutosave';

/** "Saved", "Saving…", "Not saved: …"; `data-saving` lets tests wait for the save. */
export function SaveStateText({ state, error }: { state: SaveState; error?: Error | null }) {
  const { t } = useTranslation();
  return (
    <Text
      size="xs"
      c={state === 'failed' ? 'red' : 'dimmed'}
      data-testid="session-save-state"
      data-saving={state}
      aria-live="polite"
    >
      {state === 'failed'
        ? t('coaching.save.failed', { message: error?.message ?? '' })
        : t(`coaching.save.${state}`)}
    </Text>
  );
}
