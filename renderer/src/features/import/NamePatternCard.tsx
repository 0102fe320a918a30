import { Badge, Button, Card, Code, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPlan } from '../../../../shared/api';
import { parseNamePattern } from '../../../../shared/import/name-pattern';
import { patternErrorText } from './pattern-errors';
import { patternFit } from './plan-view';

const EXAMPLE = '{*}_AGENT_{agent}_DT_{datetime:yyyy-MM-ddTHH-mm-ss}_{*}';

/**
 * Details from file names: the user describes the names once for the folder. Mistakes are named as
 * the pattern is typed, with how many names it would fit; "Read names" previews it on the list below.
 */
export function NamePatternCard({
  plan,
  busy,
  onApply,
}: {
  plan: ImportPlan;
  busy: boolean;
  onApply: (pattern: string) => void;
}) {
  const { t } = useTranslation();
  const applied = plan.namePattern?.pattern ?? '';
  const [text, setText] = useState(applied);
  const trimmed = text.trim();
  const parsed = useMemo(() => (trimmed ? parseNamePattern(trimmed) : null), [trimmed]);
  // Counting the fits over thousands of names may wait a moment; typing may not.
  const deferred = useDeferredValue(parsed);
  const fit = useMemo(() => (deferred?.ok ? patternFit(deferred.pattern, plan) : null), [deferred, plan]);
  const error = parsed && !parsed.ok ? patternErrorText(t, parsed.error) : null;
  const changed = trimmed !== applied;
  const apply = () => {
    if (!error && changed) onApply(trimmed);
  };

  return (
    <Card withBorder data-testid="name-pattern">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>{t('import.pattern.title')}</Title>
          {plan.namePattern?.remembered && (
            <Badge variant="light" data-testid="name-pattern-remembered">
              {t('import.pattern.remembered')}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('import.pattern.intro')}
        </Text>
        <Group align="flex-start" wrap="nowrap">
          <TextInput
            flex={1}
            aria-label={t('import.pattern.label')}
            placeholder={EXAMPLE}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            onKeyDown={(event) => event.key === 'Enter' && apply()}
            error={error}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            spellCheck={false}
            data-testid="name-pattern-input"
          />
          <Button
            onClick={apply}
            disabled={!changed || error !== null}
            loading={busy}
            data-testid="name-pattern-apply"
          >
            {t('import.pattern.apply')}
          </Button>
        </Group>
        {fit && changed && (
          <Text size="sm" data-testid="name-pattern-fit">
            {t('import.pattern.wouldFit', { fits: fit.fits, count: fit.of })}
          </Text>
        )}
        {plan.namePattern && !changed && (
          <Text size="sm" data-testid="name-pattern-counts">
            {t('import.pattern.fits', {
              fits: plan.namePattern.matched,
              count: plan.namePattern.matched + plan.namePattern.unmatched,
            })}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('import.pattern.placeholders')}{' '}
          {[
            '{agent}',
            '{team}',
            '{direction}',
            '{queue}',
            '{customer}',
            '{id}',
            '{date:yyyy-MM-dd}',
            '{time:HH-mm-ss}',
            '{datetime:yyyy-MM-ddTHH-mm-ss}',
            '{*}',
          ].map((placeholder) => (
            <Code key={placeholder} mr={4}>
              {placeholder}
            </Code>
          ))}
        </Text>
      </Stack>
    </Card>
  );
}
