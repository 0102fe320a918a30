import { ActionIcon, Button, Group, Input, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExtraRow } from './shop-form';

/** Further details the agency reports (a column Earmark has no field for): a name and a value per row. */
export function ExtraFields({
  rows,
  error,
  onChange,
}: {
  rows: readonly ExtraRow[];
  error: string | undefined;
  onChange: (rows: ExtraRow[]) => void;
}) {
  const { t } = useTranslation();
  const set = (index: number, patch: Partial<ExtraRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <Input.Wrapper label={t('mystery.field.extra')} description={t('mysteryEntry.extra.hint')} error={error}>
      <Stack gap={6} mt={4} data-testid="shop-extra">
        {rows.map((row, index) => (
          <Group key={index} gap="xs" wrap="nowrap" data-testid="shop-extra-row">
            <TextInput
              w={220}
              placeholder={t('mysteryEntry.extra.name')}
              aria-label={t('mysteryEntry.extra.name')}
              value={row.key}
              // A row just added takes the typing at once.
              autoFocus={index === rows.length - 1 && row.key === '' && row.value === ''}
              onChange={(event) => set(index, { key: event.currentTarget.value })}
              data-testid="shop-extra-key"
            />
            <TextInput
              style={{ flex: 1 }}
              placeholder={t('mysteryEntry.extra.value')}
              aria-label={t('mysteryEntry.extra.value')}
              value={row.value}
              onChange={(event) => set(index, { value: event.currentTarget.value })}
              data-testid="shop-extra-value"
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('mysteryEntry.extra.remove')}
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            size="compact-sm"
            variant="light"
            onClick={() => onChange([...rows, { key: '', value: '' }])}
            data-testid="shop-extra-add"
          >
            {t('mysteryEntry.extra.add')}
          </Button>
        </Group>
      </Stack>
    </Input.Wrapper>
  );
}
