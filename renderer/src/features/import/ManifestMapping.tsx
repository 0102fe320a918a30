import { Badge, Card, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  manifestFields,
  type ImportPlan,
  type ManifestField,
  type ManifestMapping as Mapping,
} from '../../../../shared/api';
import { Breakable } from '../../app/Breakable';

type Manifest = NonNullable<ImportPlan['manifest']>;

/** Which spreadsheet column holds which field, with the first rows as they will be read. */
export function ManifestMapping({
  manifest,
  onChange,
}: {
  manifest: Manifest;
  onChange: (mapping: Mapping) => void;
}) {
  const { t } = useTranslation();
  const mapped = manifestFields.filter((field) => manifest.mapping[field]);
  const set = (field: ManifestField, column: string | null) => {
    const next: Mapping = { ...manifest.mapping };
    if (column) next[field] = column;
    else delete next[field];
    onChange(next);
  };

  return (
    <Card withBorder data-testid="manifest">
      <Stack>
        <Group justify="space-between">
          <Title order={4}>{t('import.manifest.title')}</Title>
          {manifest.remembered && <Badge variant="light">{t('import.manifest.remembered')}</Badge>}
        </Group>
        <Text size="sm" c="dimmed">
          <Breakable text={t('import.manifest.file', { path: manifest.path })} />
        </Text>
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          {manifestFields.map((field) => (
            <Select
              key={field}
              label={t(`import.fields.${field}`)}
              data={manifest.columns}
              value={manifest.mapping[field] ?? null}
              onChange={(column) => set(field, column)}
              clearable
              placeholder={t('import.manifest.notMapped')}
              data-testid={`manifest-field-${field}`}
            />
          ))}
        </SimpleGrid>
        <Text fw={600} size="sm">
          {t('import.manifest.preview')}
        </Text>
        <Table withTableBorder striped fz="xs" data-testid="manifest-preview">
          <Table.Thead>
            <Table.Tr>
              {mapped.map((field) => (
                <Table.Th key={field}>{t(`import.fields.${field}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {manifest.sampleRows.map((row, index) => (
              <Table.Tr key={index}>
                {mapped.map((field) => (
                  <Table.Td key={field}>
                    <Breakable text={row[manifest.mapping[field]!] ?? ''} />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {manifest.errors.length > 0 && (
          <Stack gap={2} data-testid="manifest-errors">
            <Text c="red" size="sm" fw={600}>
              {t('import.manifest.errors', { count: manifest.errors.length })}
            </Text>
            {manifest.errors.slice(0, 10).map((error) => (
              <Text key={error.row} c="red" size="sm">
                <Breakable text={error.message} />
              </Text>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
