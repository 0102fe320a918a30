import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';

/**
 * Asks before a step that cannot be taken back (or only with effort). Focus starts on the safe
 * button, so Enter keeps things as they are; Escape and the close button cancel too. The dialog stays
 * open while the step runs and shows why it failed, if it does.
 */
export function ConfirmDialog({
  opened,
  title,
  children,
  confirmLabel,
  cancelLabel,
  color = 'red',
  onConfirm,
  onCancel,
  testId,
}: {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** Red for what is lost for good; another colour for what can be undone later (closing a session). */
  color?: string;
  onConfirm: () => Promise<unknown>;
  onCancel: () => void;
  /** `<testId>`, `<testId>-confirm` and `<testId>-cancel`. */
  testId: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancel = () => {
    if (busy) return;
    setError(null);
    onCancel();
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={cancel} title={title} size={500} data-testid={testId} centered>
      <Stack>
        {typeof children === 'string' ? <Text size="sm">{children}</Text> : children}
        {error && (
          <Alert color="red" data-testid={`${testId}-error`}>
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={cancel}
            disabled={busy}
            data-autofocus
            data-testid={`${testId}-cancel`}
          >
            {cancelLabel}
          </Button>
          <Button
            color={color}
            loading={busy}
            onClick={() => void confirm()}
            data-testid={`${testId}-confirm`}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
