import { Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MysteryMapping, MysterySheetPreview } from '../../../../../shared/api/methods/mystery-import';
import { api } from '../../../api/client';
import { Breakable } from '../../../app/Breakable';
import type { ImportInput } from './dry-run';
import { MappingFile } from './MappingFile';
import { checklistKey, targetOptions } from './targets';

/**
 * Step 2: which column is what. Every column with a few of its values and a target; the checklist
 * the rows are scored with, and the wave they belong to.
 */
export function ColumnsStep({
  sheet,
  fileName,
  mapping,
  onChange,
  input,
  onBack,
  onNext,
}: {
  sheet: MysterySheetPreview;
  /** The sheet as people know it (on a team server its own name, not where the server keeps it). */
  fileName: string;
  mapping: MysteryMapping;
  onChange: (mapping: MysteryMapping) => void;
  input: ImportInput;
  onBack: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState(false);
  const checklist = sheet.checklists.find((c) => checklistKey(c) === checklistKey(mapping));
  const options = targetOptions(t, checklist);
  const check = useMutation({ mutationFn: () => api.mysteryImport.dryRun(input), onSuccess: onNext });
  const unmapped = (checklist?.items ?? []).filter(
    (item) => !Object.values(mapping.columns).includes(`item:${item.id}`),
  );

  const pickChecklist = (key: string | null) => {
    const next = sheet.checklists.find((c) => checklistKey(c) === key);
    if (!next) return;
    // Item ids a built-in checklist shares across languages stay mapped; others fall back to extra.
    const ids = new Set(next.items.map((i) => i.id));
    const columns = Object.fromEntries(
      Object.entries(mapping.columns).map(([header, target]) => {
        const id = /^(?:item|comment):(.+)$/.exec(target)?.[1];
        return [header, id === undefined || ids.has(id) ? target : 'extra'];
      }),
    );
    onChange({ ...mapping, rubric: next.rubric, language: next.language, columns });
  };

  return (
    <Card withBorder>
      <Stack>
        <Group justify="space-between">
          <Title order={4}>{t('mysteryImport.columns.title')}</Title>
          {sheet.remembered && !loaded && (
            <Badge variant="light" data-testid="mystery-import-remembered">
              {t('mysteryImport.columns.remembered')}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          <Breakable text={t('mysteryImport.columns.file', { path: fileName, count: sheet.rowCount })} />
        </Text>
        <Group grow align="flex-start">
          <Select
            label={t('mysteryImport.columns.checklist')}
            data={sheet.checklists.map((c) => ({
              value: checklistKey(c),
              label: `${c.name} · ${c.language.toUpperCase()}`,
            }))}
            value={checklistKey(mapping)}
            onChange={pickChecklist}
            allowDeselect={false}
            data-testid="mystery-import-checklist"
          />
          <TextInput
            label={t('mysteryImport.columns.wave')}
            description={t('mysteryImport.columns.waveHint')}
            value={mapping.wave}
            onChange={(event) => onChange({ ...mapping, wave: event.currentTarget.value })}
            data-testid="mystery-import-wave"
          />
        </Group>
        <Table withTableBorder striped verticalSpacing={4} data-testid="mystery-import-columns">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="22%">{t('mysteryImport.columns.column')}</Table.Th>
              <Table.Th>{t('mysteryImport.columns.samples')}</Table.Th>
              <Table.Th w="34%">{t('mysteryImport.columns.target')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sheet.columns.map(({ header, samples }) => (
              <Table.Tr key={header} data-testid="mystery-import-column" data-column={header}>
                <Table.Td fw={600}>
                  <Breakable text={header} />
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {samples.join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={t('mysteryImport.columns.targetOf', { column: header })}
                    data={options}
                    value={mapping.columns[header] ?? 'extra'}
                    onChange={(target) =>
                      target && onChange({ ...mapping, columns: { ...mapping.columns, [header]: target } })
                    }
                    allowDeselect={false}
                    searchable
                    size="xs"
                    comboboxProps={{ withinPortal: true }}
                    data-testid="mystery-import-target"
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {unmapped.length > 0 && (
          <Text c="orange.8" size="sm" data-testid="mystery-import-unmapped">
            {t('mysteryImport.columns.unmapped', { items: unmapped.map((i) => i.title).join(', ') })}
          </Text>
        )}
        <MappingFile
          mapping={mapping}
          onLoaded={(next) => {
            setLoaded(true);
            onChange(next);
          }}
        />
        {check.error && (
          <Text c="red" data-testid="mystery-import-error">
            <Breakable text={check.error.message} />
          </Text>
        )}
        <Group>
          <Button variant="default" onClick={onBack}>
            {t('mysteryImport.back')}
          </Button>
          <Button onClick={() => check.mutate()} loading={check.isPending} data-testid="mystery-import-next">
            {t('mysteryImport.next')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
