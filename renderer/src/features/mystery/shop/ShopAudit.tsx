import { Card, List, Text, Timeline, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { MysteryAuditEntry } from '../../../../../shared/api/methods/mystery';
import type { Answer } from '../../../../../shared/rubric/answers';
import type { Rubric } from '../../../../../shared/rubric/schema';
import { formatDateTime } from '../../../app/format';
import { answerLabel } from '../../evaluation/answer-label';

const colours: Partial<Record<MysteryAuditEntry['action'], string>> = {
  submitted: 'teal',
  imported: 'teal',
  queried: 'orange',
  corrected: 'indigo',
  confirmed: 'teal',
};

/** Field names as the form labels them; answers and the scenario in words, the rest as stored. */
function fieldLabel(field: string, t: TFunction): string {
  const labels: Record<string, string> = {
    occurredAt: 'mystery.field.occurredAt',
    shopId: 'mystery.field.shopId',
    wave: 'mystery.field.wave',
    channel: 'mystery.field.channel',
    team: 'mystery.field.team',
    agentId: 'mystery.field.agent',
    answeredBy: 'mystery.field.answeredBy',
    scenarioId: 'mystery.field.scenario',
    scenarioText: 'mystery.field.scenario',
    answers: 'mystery.field.checklist',
    recordingId: 'mysteryEntry.recording.label',
    notes: 'mystery.field.notes',
    files: 'mysteryEntry.files.label',
    extra: 'mystery.field.extra',
  };
  return labels[field] ? t(labels[field]) : field;
}

function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length ? value.map(shown).join(', ') : '–';
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length ? entries.map(([k, v]) => `${k}: ${shown(v)}`).join('; ') : '–';
  }
  return String(value);
}

/** A changed checklist: each item whose answer changed, old → new. */
function answerChanges(before: unknown, after: unknown, rubric: Rubric | null | undefined, t: TFunction) {
  const items = new Map(rubric?.sections.flatMap((s) => s.items.map((i) => [i.id, i] as const)));
  const byItem = (list: unknown) => new Map(((list as Answer[]) ?? []).map((a) => [a.itemId, a]));
  const old = byItem(before);
  const next = byItem(after);
  const ids = [...new Set([...old.keys(), ...next.keys()])];
  return ids
    .filter((id) => JSON.stringify(old.get(id)) !== JSON.stringify(next.get(id)))
    .map((id) => {
      const item = items.get(id);
      const say = (a: Answer | undefined) => {
        const label = answerLabel(item, a?.value ?? null, t);
        return a?.comment ? `${label} (${a.comment})` : label;
      };
      return `${item?.title ?? id}: ${say(old.get(id))} → ${say(next.get(id))}`;
    });
}

/** Who did what to the shop and when, with the reason given and every field a correction changed. */
export function ShopAudit({
  audit,
  rubric,
}: {
  audit: readonly MysteryAuditEntry[];
  rubric: Rubric | null | undefined;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder data-testid="shop-audit">
      <Title order={4} mb="sm">
        {t('mysteryEntry.audit.title')}
      </Title>
      <Timeline bulletSize={14} lineWidth={2} active={audit.length}>
        {audit.map((entry, index) => (
          <Timeline.Item
            key={index}
            color={colours[entry.action] ?? 'gray'}
            title={
              <Text size="sm" fw={600}>
                {t(`mysteryEntry.audit.${entry.action}`, {
                  name: entry.profileName ?? t('mysteryEntry.audit.someone'),
                })}
              </Text>
            }
            data-testid="shop-audit-entry"
            data-action={entry.action}
          >
            <Text size="xs" c="dimmed">
              {formatDateTime(entry.at, i18n.language)}
            </Text>
            {entry.reason && (
              <Text size="sm" mt={4} data-testid="shop-audit-reason">
                {t('mysteryEntry.audit.reason', { reason: entry.reason })}
              </Text>
            )}
            {entry.changes.length > 0 && (
              <List size="sm" mt={4} spacing={2}>
                {entry.changes.flatMap((change) =>
                  change.field === 'answers'
                    ? answerChanges(change.before, change.after, rubric, t).map((text) => (
                        <List.Item key={text} data-testid="shop-audit-change">
                          {text}
                        </List.Item>
                      ))
                    : [
                        <List.Item key={change.field} data-testid="shop-audit-change">
                          <Text span size="sm" fw={600}>
                            {fieldLabel(change.field, t)}:
                          </Text>{' '}
                          {shown(change.before)} → {shown(change.after)}
                        </List.Item>,
                      ],
                )}
              </List>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}
