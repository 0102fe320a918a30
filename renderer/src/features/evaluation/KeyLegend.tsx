import { Group, Popover, SimpleGrid, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { KeysLabel } from '../shortcuts/KeysLabel';
import { answerKeys } from './answer-keys';

/** The form's keys, from the same list the bindings use. */
export function KeyLegend() {
  const { t } = useTranslation();
  return (
    <Popover position="bottom-end" withArrow shadow="md" width={420}>
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
        <SimpleGrid cols={2} spacing={6} verticalSpacing={6}>
          {answerKeys.map(({ id, keys }) => (
            <Group key={id} gap={6} wrap="nowrap" style={{ gridColumn: 'span 2' }}>
              <Group gap={4} wrap="nowrap" w={150}>
                {id === 'number' ? (
                  <Text size="xs">
                    <KeysLabel keys="0" /> … <KeysLabel keys="9" />
                  </Text>
                ) : (
                  keys.map((combo) => <KeysLabel key={combo} keys={combo} />)
                )}
              </Group>
              <Text size="xs">{t(`evaluation.keys.${id}`)}</Text>
            </Group>
          ))}
        </SimpleGrid>
      </Popover.Dropdown>
    </Popover>
  );
}
