import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MysteryImportReport } from '../../../../../shared/api/methods/mystery-import';
import { Breakable } from '../../../app/Breakable';
import { problemText } from './targets';

/** Step 5: what was imported, what was already there, and each failed row with its problem. */
export function ResultStep({
  report,
  sheetRemoved,
  onAgain,
  onAnotherSheet,
}: {
  report: MysteryImportReport;
  /** The team server removed the uploaded sheet (no row of it was imported): it is to be sent again. */
  sheetRemoved: boolean;
  onAgain: () => void;
  onAnotherSheet: () => void;
}) {
  const { t } = useTranslation();
  const rows = [
    ...report.imported.map((r) => ({
      row: r.row,
      shopId: r.shopId,
      outcome: 'imported' as const,
      column: null,
      problem: null,
    })),
    ...report.skipped.map((r) => ({
      row: r.row,
      shopId: r.shopId,
      outcome: 'skipped' as const,
      column: null,
      problem: null,
    })),
    ...report.failed.map((r) => ({
      row: r.row,
      shopId: r.shopId,
      outcome: 'failed' as const,
      column: r.column,
      problem: r.error,
    })),
  ].sort((a, b) => a.row - b.row);
  const color = { imported: 'teal', skipped: 'gray', failed: 'red' } as const;
  return (
    <Card withBorder data-testid="mystery-import-result">
      <Stack>
        <Title order={4}>{t('mysteryImport.result.title')}</Title>
        <Text data-testid="mystery-import-summary">
          {t('mysteryImport.result.summary', {
            imported: report.imported.length,
            skipped: report.skipped.length,
            failed: report.failed.length,
          })}
        </Text>
        <Table withTableBorder striped verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('mysteryImport.row')}</Table.Th>
              <Table.Th>{t('mystery.field.shopId')}</Table.Th>
              <Table.Th />
              <Table.Th>{t('mysteryImport.column')}</Table.Th>
              <Table.Th>{t('mysteryImport.problem')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr
                key={r.row}
                data-testid="mystery-import-result-row"
                data-row={r.row}
                data-outcome={r.outcome}
              >
                <Table.Td>{r.row}</Table.Td>
                <Table.Td>{r.shopId ?? '–'}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={color[r.outcome]}>
                    {t(`mysteryImport.result.${r.outcome}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{r.column ?? ''}</Table.Td>
                <Table.Td>
                  {r.problem && (
                    <Text size="xs" c="red.8">
                      <Breakable text={problemText(r.problem)} />
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {sheetRemoved && (
          <Text size="sm" c="dimmed" data-testid="mystery-import-sheet-removed">
            {t('mysteryImport.result.sheetRemoved')}
          </Text>
        )}
        <Group>
          {sheetRemoved ? (
            <Button variant="default" onClick={onAnotherSheet} data-testid="mystery-import-another">
              {t('mysteryImport.result.anotherSheet')}
            </Button>
          ) : (
            <Button variant="default" onClick={onAgain} data-testid="mystery-import-again">
              {t('mysteryImport.result.again')}
            </Button>
          )}
          <Button component={Link} to="/mystery">
            {t('mysteryImport.result.toList')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
