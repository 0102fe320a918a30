import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** What a mystery shop is and the two ways to bring one in, for an area with none yet. */
export function MysteryEmpty() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg" maw={720} data-testid="mystery-empty">
      <Stack gap="sm">
        <Title order={3}>{t('mysteryList.empty.title')}</Title>
        <Text>{t('mysteryList.empty.what')}</Text>
        <Text c="dimmed" size="sm">
          {t('mysteryList.empty.apart')}
        </Text>
        <Group align="stretch" grow mt="xs">
          <Paper withBorder p="md" bg="gray.0">
            <Stack gap="xs" h="100%" justify="space-between">
              <Text size="sm">{t('mysteryList.empty.enterHint')}</Text>
              <Button component={Link} to="/mystery/new" data-testid="mystery-empty-new">
                {t('mysteryList.new')}
              </Button>
            </Stack>
          </Paper>
          <Paper withBorder p="md" bg="gray.0">
            <Stack gap="xs" h="100%" justify="space-between">
              <Text size="sm">{t('mysteryList.empty.importHint')}</Text>
              <Button
                component={Link}
                to="/mystery/import"
                variant="default"
                data-testid="mystery-empty-import"
              >
                {t('mysteryList.import')}
              </Button>
            </Stack>
          </Paper>
        </Group>
      </Stack>
    </Paper>
  );
}
