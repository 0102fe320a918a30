import { Anchor, Badge, Card, Group, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RubricDetail } from '../../../../shared/api/methods/rubrics';
import { api } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { downloadRubric } from './rubric-json';

/** Every published version, newest first; each can be downloaded exactly as it was published. */
export function VersionHistory({ rubric }: { rubric: RubricDetail }) {
  const { t, i18n } = useTranslation();
  const download = async (versionId: number) => {
    const version = await api.rubric.version({ versionId });
    downloadRubric(version.rubric, version.version);
  };
  return (
    <Card withBorder data-testid="version-history">
      <Title order={4} mb="xs">
        {t('rubrics.versions.title')}
      </Title>
      {rubric.versions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('rubrics.versions.none')}
        </Text>
      ) : (
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('rubrics.versions.version')}</Table.Th>
              <Table.Th>{t('rubrics.versions.published')}</Table.Th>
              <Table.Th>{t('rubrics.versions.by')}</Table.Th>
              <Table.Th>{t('rubrics.versions.note')}</Table.Th>
              <Table.Th>{t('rubrics.versions.evaluations')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rubric.versions.map((version) => (
              <Table.Tr key={version.id} data-testid="version-row" data-version={version.version}>
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm" fw={600}>
                      {t('rubrics.versionLabel', { version: version.version })}
                    </Text>
                    {version.id === rubric.latestVersion?.id && (
                      <Badge size="xs" variant="light">
                        {t('rubrics.versions.current')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(version.publishedAt, i18n.language)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{version.publishedBy?.name ?? t('rubrics.versions.builtIn')}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {version.note}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{version.evaluationCount}</Text>
                </Table.Td>
                <Table.Td>
                  <Anchor component="button" size="sm" onClick={() => void download(version.id)}>
                    {t('rubrics.versions.download')}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
