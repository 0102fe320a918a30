import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Language } from '../../../../shared/api';
import type { RubricSummary } from '../../../../shared/api/methods/rubrics';
import { api } from '../../api/client';
import { languageNames } from '../../i18n';
import { CsvExportButton } from '../evaluation/CsvExportButton';
import { useCurrentReviewer } from '../profiles/useProfiles';
import { NewRubricDialog } from './NewRubricDialog';

/** The user's language first, then the others; within each, the order the backend gives (built-in first). */
function byLanguage(rubrics: readonly RubricSummary[], language: string): RubricSummary[] {
  return [...rubrics].sort((a, b) => Number(b.language === language) - Number(a.language === language));
}

export function RubricsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const reviewer = useCurrentReviewer();
  const rubrics = useQuery({ queryKey: ['rubrics'], queryFn: () => api.rubric.list({}) });
  const [creating, setCreating] = useState(false);
  const importFile = useMutation({
    mutationFn: async (file: File) => api.rubric.import({ json: await file.text() }),
    onSuccess: async (imported) => {
      await queryClient.invalidateQueries({ queryKey: ['rubrics'] });
      void navigate(`/rubrics/${imported.id}`);
    },
  });

  if (rubrics.isPending) return <Loader />;
  if (rubrics.isError)
    return <Alert color="red">{t('errors.generic', { message: rubrics.error.message })}</Alert>;
  const list = byLanguage(rubrics.data, i18n.language);

  return (
    <Stack maw={1100} data-testid="rubrics" data-state="ready">
      <Group justify="space-between">
        <Title order={2}>{t('rubrics.title')}</Title>
        <Group gap="xs">
          <FileButton onChange={(file) => file && importFile.mutate(file)} accept="application/json,.json">
            {(props) => (
              <Button
                variant="default"
                {...props}
                disabled={!reviewer}
                loading={importFile.isPending}
                data-testid="rubric-import"
              >
                {t('rubrics.importJson')}
              </Button>
            )}
          </FileButton>
          <Button onClick={() => setCreating(true)} data-testid="rubric-new">
            {t('rubrics.new.open')}
          </Button>
        </Group>
      </Group>
      <Text c="dimmed" size="sm">
        {t('rubrics.intro')}
      </Text>
      {!reviewer && (
        <Text size="sm" c="dimmed">
          {t('rubrics.importNeedsProfile')}
        </Text>
      )}
      {importFile.error && (
        <Alert
          color="red"
          title={t('rubrics.importFailed')}
          withCloseButton
          onClose={() => importFile.reset()}
          data-testid="import-error"
        >
          {importFile.error.message}
        </Alert>
      )}
      <Card withBorder p={0}>
        <Table verticalSpacing="sm" highlightOnHover data-testid="rubric-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('rubrics.list.name')}</Table.Th>
              <Table.Th>{t('rubrics.list.language')}</Table.Th>
              <Table.Th>{t('rubrics.list.version')}</Table.Th>
              <Table.Th>{t('rubrics.list.evaluations')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((rubric) => (
              <Table.Tr
                key={rubric.id}
                data-testid="rubric-row"
                data-rubric-id={rubric.id}
                data-key={rubric.key}
              >
                <Table.Td>
                  <Group gap={6}>
                    <Anchor component={Link} to={`/rubrics/${rubric.id}`} fw={600} data-testid="rubric-open">
                      {rubric.name}
                    </Anchor>
                    {rubric.builtin && (
                      <Badge size="xs" variant="outline" color="gray">
                        {t('rubrics.builtIn')}
                      </Badge>
                    )}
                    {rubric.kind === 'mysteryChecklist' && (
                      <Badge size="xs" variant="light" color="grape">
                        {t('rubrics.kinds.mysteryChecklist')}
                      </Badge>
                    )}
                    {rubric.hasDraft && rubric.latestVersion && (
                      <Badge size="xs" variant="light" color="orange">
                        {t('rubrics.unpublishedChanges')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{languageNames[rubric.language as Language] ?? rubric.language}</Text>
                </Table.Td>
                <Table.Td>
                  {/* "Version 1" is one thing: a narrow window wraps the rubric's name, not this. */}
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {rubric.latestVersion
                      ? t('rubrics.versionLabel', { version: rubric.latestVersion.version })
                      : t('rubrics.neverPublished')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{rubric.evaluationCount}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  {rubric.evaluationCount > 0 && (
                    <CsvExportButton rubricId={rubric.id} size="compact-xs" variant="subtle" />
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <NewRubricDialog opened={creating} onClose={() => setCreating(false)} rubrics={list} />
    </Stack>
  );
}
