import { Button, Group, Tabs, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

/**
 * The head of the Mystery shops area: its name, the list and the reports as tabs, and the two ways a
 * shop comes in (entered by hand, or the agency's spreadsheet).
 */
export function MysteryHeader({ tab, children }: { tab: 'list' | 'reports'; children?: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <Group align="baseline" gap="md">
        <Title order={2}>{t('mystery.shops')}</Title>
        {children}
        <Group ml="auto" gap="xs">
          <Button component={Link} to="/mystery/new" data-testid="mystery-new">
            {t('mysteryList.new')}
          </Button>
          <Button component={Link} to="/mystery/import" variant="default" data-testid="mystery-import">
            {t('mysteryList.import')}
          </Button>
        </Group>
      </Group>
      <Tabs
        value={tab}
        onChange={(value) => void navigate(value === 'reports' ? '/mystery/reports' : '/mystery')}
      >
        <Tabs.List>
          <Tabs.Tab value="list" data-testid="mystery-tab-list">
            {t('mysteryList.tab')}
          </Tabs.Tab>
          <Tabs.Tab value="reports" data-testid="mystery-tab-reports">
            {t('mysteryReport.tab')}
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
    </>
  );
}
