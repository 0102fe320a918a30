import { Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MysteryReport } from '../../../../shared/api/methods/mystery';
import { formatPercent } from '../evaluation/score-format';
import { shareOf } from './report-url';

/**
 * The teams (or scenarios) side by side, most shops first, never ordered by score: the report compares
 * where the service needs work, it does not rank. Choosing one narrows the charts to it.
 */
export function ReportGroups({
  report,
  selected,
  onSelect,
}: {
  report: MysteryReport;
  selected: string | undefined;
  onSelect: (key: string | undefined) => void;
}) {
  const { t, i18n } = useTranslation();
  const percent = (value: number | null) => formatPercent(value, i18n.language);
  const row = (key: string | undefined, label: string, shops: number, mean: number | null, pass: number) => (
    <Table.Tr
      key={key ?? '\u0000all'}
      onClick={() => onSelect(key)}
      onKeyDown={(event) => event.key === 'Enter' && onSelect(key)}
      tabIndex={0}
      style={{ cursor: 'pointer' }}
      bg={selected === key ? 'indigo.0' : undefined}
      aria-selected={selected === key}
      data-testid="report-group"
      data-key={key ?? ''}
      data-selected={selected === key}
    >
      <Table.Td fw={key === undefined ? 700 : undefined}>{label}</Table.Td>
      <Table.Td ta="right">{shops}</Table.Td>
      <Table.Td ta="right" data-testid="report-group-mean">
        {percent(mean)}
      </Table.Td>
      <Table.Td ta="right">{percent(shareOf(pass, shops))}</Table.Td>
    </Table.Tr>
  );
  return (
    <Paper withBorder p="sm" data-testid="report-groups">
      <Title order={4} mb="xs">
        {t(`mysteryReport.groups.${report.by}`)}
      </Title>
      <Table highlightOnHover verticalSpacing={6} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t(`mystery.field.${report.by}`)}</Table.Th>
            <Table.Th ta="right">{t('mysteryReport.shops')}</Table.Th>
            <Table.Th ta="right">{t('mysteryReport.mean')}</Table.Th>
            <Table.Th ta="right">{t('mysteryReport.passRate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {row(
            undefined,
            t(`mysteryReport.all.${report.by}`),
            report.all.shops,
            report.all.meanPercent,
            report.all.passed,
          )}
          {report.groups.map((g) =>
            row(
              g.key,
              g.key === '' ? t(`mysteryReport.none.${report.by}`) : g.key,
              g.shops,
              g.meanPercent,
              g.passed,
            ),
          )}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="xs">
        {t('mysteryReport.groupsHint')}
      </Text>
    </Paper>
  );
}
