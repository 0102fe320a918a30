import { Card, SimpleGrid, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportPlan } from '../../../../shared/api';

/** How many files of each kind were found, and what they become. */
export function PlanSummary({ plan }: { plan: ImportPlan }) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Title order={4} mb="xs">
        {t('import.plan.title')}
      </Title>
      <SimpleGrid cols={{ base: 2, md: 6 }}>
        {(['total', 'audio', 'transcripts', 'chats', 'manifests', 'unknown'] as const).map((key) => (
          <div key={key}>
            <Text size="xl" fw={700} data-testid={`plan-${key}`}>
              {plan.files[key]}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`import.plan.files.${key}`)}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      <Text mt="sm" data-testid="plan-summary">
        {t('import.plan.summaryCalls', { count: plan.calls })}{' '}
        {t('import.plan.summaryChats', { count: plan.chatFiles })}
      </Text>
    </Card>
  );
}
