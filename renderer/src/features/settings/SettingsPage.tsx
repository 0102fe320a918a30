import { Card, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../../../../shared/api';
import { api } from '../../api/client';
import { changeLanguage, languageNames } from '../../i18n';
import { ShortcutSettings } from '../shortcuts/ShortcutSettings';
import { TeamServerCard } from './TeamServerCard';

export function SettingsPage() {
  const { t, i18n } = useTranslation();
  const info = useQuery({ queryKey: ['app', 'info'], queryFn: () => api.app.info({}) });
  const save = useMutation({
    mutationFn: (language: Language) => api.settings.update({ language }),
    onSuccess: (settings) => settings.language && changeLanguage(settings.language),
  });

  return (
    <Stack maw={760} data-testid="settings" data-state="ready">
      <Title order={2}>{t('settings.title')}</Title>
      <Card withBorder>
        <Select
          label={t('settings.language')}
          description={t('settings.languageHint')}
          data={languages.map((value) => ({ value, label: languageNames[value] }))}
          value={i18n.language}
          allowDeselect={false}
          onChange={(value) => value && save.mutate(value as Language)}
          data-testid="settings-language"
        />
        {save.error && <Text c="red">{t('errors.generic', { message: save.error.message })}</Text>}
      </Card>
      <TeamServerCard />
      <ShortcutSettings />
      <Card withBorder>
        <Title order={4} mb="xs">
          {t('settings.about')}
        </Title>
        <Table>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th>{t('settings.version')}</Table.Th>
              <Table.Td>{info.data?.version}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('settings.transport')}</Table.Th>
              <Table.Td>
                {api.transport === 'electron'
                  ? t('settings.transportElectron')
                  : t('settings.transportBrowser')}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('settings.dataDir')}</Table.Th>
              <Table.Td ff="monospace">{info.data?.dataDir}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('settings.schema')}</Table.Th>
              <Table.Td>{info.data?.schemaVersion}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}
