import {
  ActionIcon,
  Button,
  Checkbox,
  Chip,
  Group,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DraftItem } from '../../../../shared/api/methods/rubric-draft';
import { addOption, removeOption, updateOption } from './draft-edits';

const toNumber = (value: string | number, fallback: number) => {
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : fallback;
};

/** What only a scale item has (its top value, and which values fail a critical one) or a choice item (options). */
export function ItemTypeFields({
  item,
  onChange,
}: {
  item: DraftItem;
  onChange: (changes: Partial<DraftItem>) => void;
}) {
  const { t } = useTranslation();
  if (item.type === 'scale') {
    return (
      <Group align="flex-end" gap="lg">
        <NumberInput
          label={t('rubrics.item.scaleMax')}
          description={t('rubrics.item.scaleMaxHint')}
          min={1}
          max={10}
          w={260}
          value={item.max}
          onChange={(value) => onChange({ max: Math.round(toNumber(value, item.max)) })}
          data-testid="item-scale-max"
        />
        {item.critical && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('rubrics.item.criticalWhen')}
            </Text>
            <Chip.Group
              multiple
              value={item.criticalWhen.map(String)}
              onChange={(values) => onChange({ criticalWhen: values.map(Number).sort((a, b) => a - b) })}
            >
              <Group gap={4}>
                {Array.from({ length: Math.max(0, item.max) }, (_, value) => (
                  <Chip key={value} value={String(value)} size="xs">
                    {value}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
            <Text size="xs" c="dimmed">
              {t('rubrics.item.criticalWhenHint')}
            </Text>
          </Stack>
        )}
      </Group>
    );
  }
  if (item.type !== 'choice') return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t('rubrics.item.options')}
      </Text>
      <Table verticalSpacing={4} horizontalSpacing={6} withRowBorders={false}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('rubrics.item.optionLabel')}</Table.Th>
            <Table.Th w={110}>{t('rubrics.item.optionPoints')}</Table.Th>
            <Table.Th w={120}>{t('rubrics.item.optionFail')}</Table.Th>
            <Table.Th w={40} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {item.options.map((option, index) => (
            <Table.Tr key={option.id} data-testid="item-option">
              <Table.Td>
                <TextInput
                  size="xs"
                  value={option.label}
                  placeholder={t('rubrics.item.optionPlaceholder')}
                  aria-label={t('rubrics.item.optionLabel')}
                  onChange={(event) =>
                    onChange(updateOption(item, index, { label: event.currentTarget.value }))
                  }
                  data-testid="item-option-label"
                />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  size="xs"
                  min={0}
                  max={100}
                  value={option.points}
                  aria-label={t('rubrics.item.optionPoints')}
                  onChange={(value) =>
                    onChange(
                      updateOption(item, index, { points: Math.round(toNumber(value, option.points)) }),
                    )
                  }
                  data-testid="item-option-points"
                />
              </Table.Td>
              <Table.Td>
                <Checkbox
                  checked={option.fail}
                  aria-label={t('rubrics.item.optionFail')}
                  onChange={(event) =>
                    onChange(updateOption(item, index, { fail: event.currentTarget.checked }))
                  }
                />
              </Table.Td>
              <Table.Td>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  disabled={item.options.length <= 2}
                  onClick={() => onChange(removeOption(item, index))}
                  aria-label={t('rubrics.item.removeOption')}
                >
                  ×
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button
          size="compact-xs"
          variant="light"
          onClick={() => onChange(addOption(item))}
          disabled={item.options.length >= 20}
        >
          {t('rubrics.item.addOption')}
        </Button>
        <Text size="xs" c="dimmed">
          {t('rubrics.item.optionsHint')}
        </Text>
      </Group>
    </Stack>
  );
}
