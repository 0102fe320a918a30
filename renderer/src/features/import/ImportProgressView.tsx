import { Alert, Anchor, Button, Card, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { Breakable } from '../../app/Breakable';
import { damageFigures } from '../../app/format';
import { useImportProgress } from './useImportProgress';

/** Step 3: the batch running in the background; the rest of the app stays usable meanwhile. */
export function ImportProgressView({ batchId, onAgain }: { batchId: number; onAgain: () => void }) {
  const { t, i18n } = useTranslation();
  const progress = useImportProgress(batchId);
  const finished = progress && ['done', 'cancelled', 'failed'].includes(progress.state);
  const status = useQuery({
    queryKey: ['import', 'status', batchId, finished],
    queryFn: () => api.import.status({ batchId }),
    enabled: Boolean(finished),
  });
  const percent = progress && progress.totalFiles > 0 ? (progress.doneFiles / progress.totalFiles) * 100 : 0;
  const failures = status.data?.outcomes.filter((outcome) => outcome.outcome === 'failed') ?? [];
  const warned =
    status.data?.outcomes.filter((outcome) => outcome.outcome === 'imported' && outcome.warnings.length) ??
    [];

  return (
    <Card withBorder data-testid="import-progress" data-state={progress?.state ?? 'planning'}>
      <Stack>
        <Title order={4}>{t(`import.progress.state.${progress?.state ?? 'planning'}`)}</Title>
        <Progress
          value={percent}
          size="lg"
          animated={!finished}
          data-testid="import-progress-bar"
          aria-valuenow={percent}
        />
        <Text size="sm" data-testid="import-counts">
          {/* "updated" only when a manifest gave recordings already there their details: the usual import has none. */}
          {t(progress?.updated ? 'import.progress.countsWithUpdates' : 'import.progress.counts', {
            done: progress?.doneFiles ?? 0,
            total: progress?.totalFiles ?? 0,
            imported: progress?.imported ?? 0,
            updated: progress?.updated ?? 0,
            skipped: progress?.skipped ?? 0,
            failed: progress?.failed ?? 0,
          })}
        </Text>
        {progress?.currentFile && (
          <Text size="sm" c="dimmed" ff="monospace" data-testid="import-current">
            <Breakable text={progress.currentFile} />
          </Text>
        )}
        {progress?.message && <Alert color="red">{progress.message}</Alert>}
        {failures.length > 0 && (
          <Table fz="sm" data-testid="import-failures">
            <Table.Tbody>
              {failures.map((failure) => (
                <Table.Tr key={failure.file} data-testid="import-failed-row">
                  <Table.Td ff="monospace">
                    <Breakable text={failure.file.split(/[\\/]/).pop() ?? failure.file} />
                  </Table.Td>
                  <Table.Td c="red">
                    <Breakable text={failure.message ?? ''} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {warned.length > 0 && (
          <Stack gap={4} data-testid="import-warnings">
            <Text size="sm" fw={500}>
              {t('import.progress.warnings')}
            </Text>
            <Table fz="sm">
              <Table.Tbody>
                {warned.map((outcome) => (
                  <Table.Tr key={outcome.file} data-testid="import-warning-row">
                    <Table.Td ff="monospace" style={{ verticalAlign: 'top' }}>
                      <Breakable text={outcome.file.split(/[\\/]/).pop() ?? outcome.file} />
                    </Table.Td>
                    <Table.Td c="yellow.9">
                      {outcome.warnings.map((warning, i) => (
                        <Text key={i} size="sm" data-code={warning.code}>
                          {warning.damage ? (
                            t(
                              `review.damage.${warning.damage.unit}`,
                              damageFigures(warning.damage, i18n.language),
                            )
                          ) : warning.code === 'no_recording' ? (
                            t('import.progress.noRecording')
                          ) : (
                            // The others quote the file (times, speaker labels): shown as the backend words them.
                            <Breakable text={warning.message} />
                          )}
                        </Text>
                      ))}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
        <Group>
          {!finished && (
            <Button
              color="red"
              variant="light"
              onClick={() => void api.import.cancel({ batchId })}
              data-testid="import-cancel"
            >
              {t('import.progress.cancel')}
            </Button>
          )}
          {finished && (
            <>
              <Anchor component={Link} to="/" data-testid="import-to-library">
                {t('import.progress.toLibrary')}
              </Anchor>
              <Button variant="default" onClick={onAgain}>
                {t('import.progress.again')}
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
