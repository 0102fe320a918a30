import { Modal, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onShortcutHelpRequest } from './help-requests';
import { KeysList } from './KeysLabel';
import { shortcutGroups } from './shortcut-groups';
import { useShortcutBindings } from './useShortcutBindings';
import { useShortcuts } from './useShortcuts';

/** The `?` overlay: every shortcut with the keys the user has now, grouped by what it is for. */
export function ShortcutHelp() {
  const { t } = useTranslation();
  const bindings = useShortcutBindings();
  const [opened, setOpened] = useState(false);
  // 'shown' once the opening animation has finished, for tests and screenshots to wait on.
  const [shown, setShown] = useState(false);
  useShortcuts('global', { help: () => setOpened((open) => !open) });
  useEffect(() => onShortcutHelpRequest(() => setOpened(true)), []);

  return (
    <Modal
      opened={opened}
      onClose={() => setOpened(false)}
      title={<Title order={3}>{t('shortcuts.help.title')}</Title>}
      size="64rem"
      onEnterTransitionEnd={() => setShown(true)}
      onExitTransitionEnd={() => setShown(false)}
    >
      <Stack gap="md" data-testid="shortcut-help" data-state={shown ? 'shown' : 'opening'}>
        <Text size="sm" c="dimmed">
          {t('shortcuts.help.intro')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg" verticalSpacing="md">
          {shortcutGroups.map((group) => (
            <Stack key={group.id} gap={4}>
              <Text fw={700} size="sm">
                {t(`shortcuts.groups.${group.id}`)}
              </Text>
              <Table verticalSpacing={4} horizontalSpacing="xs">
                <Table.Tbody>
                  {group.actions.map((id) => (
                    <Table.Tr key={id} data-testid="shortcut-help-row" data-action={id}>
                      <Table.Td>
                        <Text size="sm">{t(`shortcuts.actions.${id}`)}</Text>
                      </Table.Td>
                      <Table.Td style={{ width: '1%', whiteSpace: 'nowrap' }}>
                        <KeysList keys={bindings[id]} size="sm" justify="flex-end" />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          ))}
        </SimpleGrid>
      </Stack>
    </Modal>
  );
}
