import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SaveState } from './useDraftAutosave';

/** "Saved", "Saving…", "Not saved: retrying"; `data-save-state` lets tests wait for the save. */
export function SaveStateLabel({ state, testId }: { state: SaveState; testId: string }) {
  const { t } = useTranslation();
  return (
    <Text
      size="xs"
      c={state === 'failed' ? 'red' : 'dimmed'}
      data-testid={testId}
      data-save-state={state}
      aria-live="polite"
    >
      {t(`rubrics.saveState.${state}`)}
    </Text>
  );
}
