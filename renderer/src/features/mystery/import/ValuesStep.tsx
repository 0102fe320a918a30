import {
  Button,
  Card,
  Group,
  Loader,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MysteryMapping, MysterySheetPreview } from '../../../../../shared/api/methods/mystery-import';
import { Breakable } from '../../../app/Breakable';
import { useDryRun, type ImportInput } from './dry-run';
import { answerChoices, checklistKey } from './targets';

/**
 * Step 3: what Earmark cannot read without help. How to read 3/4/2025, and each cell text of a
 * checklist column that is no answer Earmark knows, mapped once to an answer of that item.
 */
export function ValuesStep({
  sheet,
  mapping,
  onChange,
  input,
  onBack,
  onNext,
}: {
  sheet: MysterySheetPreview;
  mapping: MysteryMapping;
  onChange: (mapping: MysteryMapping) => void;
  input: ImportInput;
  onBack: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const dry = useDryRun(input);
  const checklist = sheet.checklists.find((c) => checklistKey(c) === checklistKey(mapping));
  // Texts already mapped stay listed, so a choice can be changed after it made the text understood.
  const lists = new Map<string, { column: string; texts: Set<string> }>();
  for (const u of dry.data?.unknownValues ?? [])
    lists.set(u.target, { column: u.column, texts: new Set(u.texts) });
  for (const [target, texts] of Object.entries(mapping.values)) {
    const column = Object.entries(mapping.columns).find(([, to]) => to === target)?.[0];
    if (column === undefined) continue;
    const list = lists.get(target) ?? { column, texts: new Set<string>() };
    for (const text of Object.keys(texts)) list.texts.add(text);
    lists.set(target, list);
  }
  const setValue = (target: string, text: string, value: string | null) => {
    const own = { ...(mapping.values[target] ?? {}) };
    if (value === null) delete own[text];
    else own[text] = value;
    onChange({ ...mapping, values: { ...mapping.values, [target]: own } });
  };
  const open = dry.data?.unknownValues.reduce((n, u) => n + u.texts.length, 0) ?? 0;

  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('mysteryImport.values.title')}</Title>
        {dry.error && (
          <Text c="red" data-testid="mystery-import-error">
            <Breakable text={dry.error.message} />
          </Text>
        )}
        {!dry.data && dry.isFetching && <Loader size="sm" />}
        {(dry.data?.ambiguousDates || mapping.dateOrder) && (
          <Stack gap={4} data-testid="mystery-import-date-order">
            <Text fw={600} size="sm">
              {t('mysteryImport.values.dateOrder')}
            </Text>
            <Text size="sm" c="dimmed">
              {t('mysteryImport.values.dateOrderHint')}
            </Text>
            <SegmentedControl
              w="fit-content"
              data={[
                { value: 'dmy', label: t('mysteryImport.values.dmy') },
                { value: 'mdy', label: t('mysteryImport.values.mdy') },
              ]}
              value={mapping.dateOrder ?? ''}
              onChange={(order) => onChange({ ...mapping, dateOrder: order as 'dmy' | 'mdy' })}
            />
          </Stack>
        )}
        {dry.data && lists.size === 0 && !dry.data.ambiguousDates && (
          <Text data-testid="mystery-import-values-none">{t('mysteryImport.values.none')}</Text>
        )}
        {[...lists].map(([target, { column, texts }]) => {
          const item = checklist?.items.find((i) => `item:${i.id}` === target);
          if (!item) return null;
          const choices = answerChoices(t, item);
          return (
            <Stack key={target} gap={4} data-testid="mystery-import-values" data-column={column}>
              <Text fw={600} size="sm">
                {t('mysteryImport.values.column', { column, item: item.title })}
              </Text>
              <Table withTableBorder verticalSpacing={4} maw={640}>
                <Table.Tbody>
                  {[...texts].map((text) => (
                    <Table.Tr key={text}>
                      <Table.Td w="45%" ff="monospace">
                        {text}
                      </Table.Td>
                      <Table.Td>
                        <Select
                          aria-label={t('mysteryImport.values.answerFor', { text })}
                          placeholder={t('mysteryImport.values.pick')}
                          data={choices}
                          value={mapping.values[target]?.[text] ?? null}
                          onChange={(value) => setValue(target, text, value)}
                          clearable
                          allowDeselect={false}
                          size="xs"
                          data-testid="mystery-import-value"
                          data-text={text}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          );
        })}
        {open > 0 && (
          <Text size="sm" c="orange.8" data-testid="mystery-import-values-open">
            {t('mysteryImport.values.open', { count: open })}
          </Text>
        )}
        <Group>
          <Button variant="default" onClick={onBack}>
            {t('mysteryImport.back')}
          </Button>
          <Button onClick={onNext} disabled={!dry.data} data-testid="mystery-import-next">
            {t('mysteryImport.next')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
