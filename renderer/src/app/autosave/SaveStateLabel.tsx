import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AutosaveStatus } from './engine';

/**
 * Where an autosaving editor says how its saving goes: "Saves automatically", "Saving…", "All changes
 * saved", or why it is not saved. The failure stays until a save succeeds. `data-save-state` lets
 * tests wait for a save.
 */
export function SaveStateLabel({ status, testId }: { status: AutosaveStatus; testId: string }) {
  const { t } = useTranslation();
  const text =
    status.state === 'error' && status.errorCode === 'edit_conflict'
      ? t('conflict.notSaved')
      : status.state === 'error'
        ? t(status.retrying ? 'autosave.errorRetrying' : 'autosave.error', { message: status.error ?? '' })
        : t(`autosave.${status.state}`);
  return (
    <Text
      size="xs"
      c={status.state === 'error' ? 'red' : 'dimmed'}
      data-testid={testId}
      data-save-state={status.state}
      role="status"
      aria-live="polite"
    >
      {text}
    </Text>
  );
}
