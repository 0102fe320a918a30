import { Badge, Button, Card, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MysteryImportReport } from '../../../../../shared/api/methods/mystery-import';
import { api } from '../../../api/client';
import { Breakable } from '../../../app/Breakable';
import { formatPercent, ResultBadge } from '../../evaluation/score-format';
import { useDryRun, type ImportInput } from './dry-run';
import { formatLocal, problemText } from './targets';

const SHOWN = 20;
const outcomeColor = { import: 'teal', skip: 'gray', fail: 'red' } as const;

/** Step 4: the rows as they will import, problems marked, and the import itself. */
export function PreviewStep({
  input,
  onBack,
  onImported,
}: {
  input: ImportInput;
  onBack: () => void;
  onImported: (report: MysteryImportReport) => void;
}) {
  const { t, i18n } = useTranslation();
  const queries = useQueryClient();
  const dry = useDryRun(input);
  const run = useMutation({
    mutationFn: () => api.mysteryImport.run(input),
    onSuccess: (report) => {
      void queries.invalidateQueries();
      onImported(report);
    },
  });
  const rows = dry.data?.rows ?? [];
  const count = (outcome: string) => rows.filter((r) => r.outcome === outcome).length;
  // Every row with a problem, and the first rows of the rest: a big sheet's good rows say little more.
  let others = 0;
  const shown = rows.filter((r) => r.outcome === 'fail' || others++ < SHOWN);

  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('mysteryImport.preview.title')}</Title>
        {dry.error && (
          <Text c="red" data-testid="mystery-import-error">
            <Breakable text={dry.error.message} />
          </Text>
        )}
        {!dry.data && <Loader size="sm" />}
        {dry.data && (
          <Group gap="xs" data-testid="mystery-import-counts">
            <Badge color="teal" variant="light" data-testid="mystery-import-count-import">
              {t('mysteryImport.preview.willImport', { count: count('import') })}
            </Badge>
            <Badge color="gray" variant="light" data-testid="mystery-import-count-skip">
              {t('mysteryImport.preview.alreadyThere', { count: count('skip') })}
            </Badge>
            <Badge color="red" variant="light" data-testid="mystery-import-count-fail">
              {t('mysteryImport.preview.withProblems', { count: count('fail') })}
            </Badge>
          </Group>
        )}
        {dry.data && (
          <Table withTableBorder striped verticalSpacing={4} fz="sm" data-testid="mystery-import-preview">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mysteryImport.row')}</Table.Th>
                <Table.Th>{t('mystery.field.shopId')}</Table.Th>
                <Table.Th />
                <Table.Th>{t('mystery.field.occurredAt')}</Table.Th>
                <Table.Th>{t('mystery.field.team')}</Table.Th>
                <Table.Th>{t('mystery.field.scenario')}</Table.Th>
                <Table.Th>{t('mystery.field.score')}</Table.Th>
                <Table.Th>{t('mysteryImport.problem')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((r) => (
                <Table.Tr
                  key={r.row}
                  data-testid="mystery-import-preview-row"
                  data-row={r.row}
                  data-outcome={r.outcome}
                  bg={r.outcome === 'fail' ? 'red.0' : undefined}
                >
                  <Table.Td>{r.row}</Table.Td>
                  <Table.Td>{r.shopId ?? '–'}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={outcomeColor[r.outcome]}>
                      {t(`mysteryImport.outcome.${r.outcome}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {r.preview ? formatLocal(r.preview.occurredAt, i18n.language) : ''}
                  </Table.Td>
                  <Table.Td>{r.preview?.team ?? ''}</Table.Td>
                  <Table.Td>{r.preview?.scenario ?? ''}</Table.Td>
                  <Table.Td>
                    {r.preview && (
                      <Group gap={6} wrap="nowrap">
                        <span>{formatPercent(r.preview.percent, i18n.language)}</span>
                        <ResultBadge result={r.preview.result} size="sm" />
                      </Group>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {r.outcome === 'fail' && (
                      <Text size="xs" c="red.8">
                        {r.column && <b>{r.column}: </b>}
                        <Breakable text={problemText(r.problem ?? '')} />
                      </Text>
                    )}
                    {r.outcome === 'skip' && <Text size="xs">{t('mysteryImport.outcome.alreadyThere')}</Text>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {rows.length > shown.length && (
          <Text size="sm" c="dimmed">
            {t('mysteryImport.preview.more', { count: rows.length - shown.length })}
          </Text>
        )}
        {run.error && (
          <Text c="red" data-testid="mystery-import-error">
            <Breakable text={run.error.message} />
          </Text>
        )}
        <Group>
          <Button variant="default" onClick={onBack} disabled={run.isPending}>
            {t('mysteryImport.back')}
          </Button>
          <Button
            onClick={() => run.mutate()}
            loading={run.isPending}
            disabled={!dry.data || count('import') === 0}
            data-testid="mystery-import-run"
          >
            {t('mysteryImport.preview.import', { count: count('import') })}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
