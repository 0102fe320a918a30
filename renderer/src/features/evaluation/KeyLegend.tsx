import { Group, Popover, Table, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { KeysLabel } from '../shortcuts/KeysLabel';
import { answerKeys, PLAYER_FIRST_KEYS } from './answer-keys';

/** The form's keys, from the same list the bindings use; docked, without the keys the player keeps. */
export function KeyLegend({ docked = false }: { docked?: boolean }) {
  const { t } = useTranslation();
  return (
    <Popover position="bottom-end" withArrow shadow="md" width={440}>
      <Popover.Target>
        <UnstyledButton data-testid="evaluation-keys">
          <Text size="xs" c="indigo">
            {t('evaluation.keys.title')}
          </Text>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Text size="xs" c="dimmed" mb="xs">
          {t('evaluation.keys.intro')}
        </Text>
        <Table verticalSpacing={3} horizontalSpacing={6} withRowBorders={false}>
          <Table.Tbody>
            {answerKeys.map(({ id, keys }) => (
              <Table.Tr key={id}>
                <Table.Td w={150}>
                  <Group gap={4} wrap="nowrap">
                    {id === 'number' ? (
                      <>
                        <KeysLabel keys="0" />
                        <Text span size="xs">
                          …
                        </Text>
                        <KeysLabel keys="9" />
                      </>
                    ) : (
                      keys
                        .filter((combo) => !docked || !PLAYER_FIRST_KEYS.has(combo))
                        .map((combo) => <KeysLabel key={combo} keys={combo} />)
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{t(`evaluation.keys.${id}`)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {docked && (
          <Text size="xs" c="dimmed" mt="xs" data-testid="evaluation-keys-docked">
            {t('evaluation.keys.docked')}
          </Text>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
