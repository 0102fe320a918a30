import { Button, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Breakable } from '../../app/Breakable';

/** Step 1's end, on the workstation and a team server alike: why the last check failed, and "Check files". */
export function CheckFiles({
  preview,
  disabled,
  children,
}: {
  preview: { mutate: () => void; isPending: boolean; error: Error | null };
  disabled: boolean;
  /** Beside the button (what it waits for). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      {preview.error && (
        <Text c="red" data-testid="import-error">
          <Breakable text={preview.error.message} />
        </Text>
      )}
      <Group>
        <Button
          onClick={() => preview.mutate()}
          loading={preview.isPending}
          disabled={disabled}
          data-testid="import-preview"
        >
          {t('import.paths.preview')}
        </Button>
        {children}
      </Group>
    </>
  );
}
