import { Button, Card, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MysteryScenario } from '../../../../../shared/api/methods/mystery';
import { api } from '../../../api/client';
import { ScenarioDialog, SCENARIOS_KEY } from './ScenarioDialog';

const WRITTEN = 'written';

/** What the shopper asked: a scenario from the library (shown whole), or one written for this shop. */
export function ScenarioField({
  scenarioId,
  scenarioText,
  error,
  onChange,
}: {
  scenarioId: number | null;
  scenarioText: string;
  error: string | undefined;
  onChange: (change: { scenarioId?: number | null; scenarioText?: string }) => void;
}) {
  const { t } = useTranslation();
  const scenarios = useQuery({ queryKey: SCENARIOS_KEY, queryFn: () => api.scenario.list({}) });
  const [editing, setEditing] = useState<MysteryScenario | 'new' | null>(null);
  const select = useRef<HTMLInputElement>(null);
  // Back from the dialog, the typing goes on at the scenario (the trigger button may be gone by then).
  const closeDialog = () => {
    setEditing(null);
    requestAnimationFrame(() => select.current?.focus());
  };
  const chosen = scenarios.data?.find((scenario) => scenario.id === scenarioId) ?? null;
  return (
    <Stack gap="xs">
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Select
          ref={select}
          style={{ flex: 1 }}
          label={t('mystery.field.scenario')}
          description={t('mysteryEntry.scenario.hint')}
          required
          searchable
          allowDeselect={false}
          value={scenarioId === null ? WRITTEN : String(scenarioId)}
          onChange={(value) =>
            onChange({ scenarioId: value === null || value === WRITTEN ? null : Number(value) })
          }
          data={[
            { value: WRITTEN, label: t('mysteryEntry.scenario.written') },
            ...(scenarios.data ?? []).map((scenario) => ({
              value: String(scenario.id),
              label: scenario.title,
            })),
          ]}
          error={scenarioId !== null ? error : undefined}
          data-testid="shop-scenario"
        />
        {chosen && (
          <Button variant="default" onClick={() => setEditing(chosen)} data-testid="scenario-edit">
            {t('mysteryEntry.scenario.edit')}
          </Button>
        )}
        <Button variant="light" onClick={() => setEditing('new')} data-testid="scenario-new">
          {t('mysteryEntry.scenario.new')}
        </Button>
      </Group>
      {chosen ? (
        <Card withBorder padding="sm" data-testid="scenario-card">
          <Stack gap={6}>
            {chosen.script && <ScenarioPart label={t('mysteryEntry.scenario.script')} text={chosen.script} />}
            {chosen.provocativeQuestion && (
              <ScenarioPart
                label={t('mysteryEntry.scenario.provocativeQuestion')}
                text={chosen.provocativeQuestion}
              />
            )}
            {chosen.goodAnswer && (
              <ScenarioPart label={t('mysteryEntry.scenario.goodAnswer')} text={chosen.goodAnswer} />
            )}
          </Stack>
        </Card>
      ) : (
        <Textarea
          label={t('mysteryEntry.scenario.writtenLabel')}
          placeholder={t('mysteryEntry.scenario.writtenPlaceholder')}
          autosize
          minRows={2}
          maxRows={8}
          value={scenarioText}
          onChange={(event) => onChange({ scenarioText: event.currentTarget.value })}
          error={error}
          data-testid="shop-scenario-text"
        />
      )}
      {editing && (
        <ScenarioDialog
          scenario={editing === 'new' ? null : editing}
          onClose={closeDialog}
          onSaved={(saved) => {
            closeDialog();
            onChange({ scenarioId: saved.id });
          }}
        />
      )}
    </Stack>
  );
}

export function ScenarioPart({ label, text }: { label: string; text: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {text}
      </Text>
    </div>
  );
}
