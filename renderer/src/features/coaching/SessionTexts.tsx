import { Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_OUTCOME_CHARS,
  MAX_TALKING_POINTS_CHARS,
  type CoachingSession,
} from '../../../../shared/api/methods/coaching';
import { SaveStateLabel } from '../../app/autosave/SaveStateLabel';
import { useAutosave } from '../../app/autosave/useAutosave';
import type { SessionWrites } from './useCoaching';

type TextField = 'talkingPoints' | 'outcome';

type TextsPatch = Partial<Record<TextField, string>>;

/**
 * The session's two free texts, kept here while typed and autosaved together (they are shared with
 * every profile, unlike notes, so they may be written to the session as they are typed). Changes to
 * both fields are merged into one save; `flush` lets closing and printing wait for the last words.
 */
export function useSessionTexts(session: CoachingSession, writes: SessionWrites) {
  const [values, setValues] = useState<Record<TextField, string>>({
    talkingPoints: session.talkingPoints,
    outcome: session.outcome,
  });
  const autosave = useAutosave<TextsPatch>((patch) => writes.update(patch), {
    merge: (older, newer) => ({ ...older, ...newer }),
    delayMs: 600,
  });
  return {
    values,
    change: (field: TextField, value: string) => {
      setValues((previous) => ({ ...previous, [field]: value }));
      autosave.change({ [field]: value });
    },
    flush: autosave.flush,
    /** Drops what is not saved yet (the coach chose the session as saved elsewhere). */
    cancel: autosave.cancel,
    saveStatus: autosave.status,
  };
}

export type SessionTextsState = ReturnType<typeof useSessionTexts>;

const limits: Record<TextField, number> = {
  talkingPoints: MAX_TALKING_POINTS_CHARS,
  outcome: MAX_OUTCOME_CHARS,
};
const testIds: Record<TextField, string> = { talkingPoints: 'talking-points', outcome: 'outcome' };

export function SessionTexts({
  field,
  session,
  texts,
  editable,
}: {
  field: TextField;
  session: CoachingSession;
  texts: SessionTextsState;
  editable: boolean;
}) {
  const { t } = useTranslation();
  // Read-only, the saved text is what counts (it may have changed since this page opened).
  const value = editable ? texts.values[field] : session[field];
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>{t(`coaching.${field}.title`)}</Title>
          {editable && <SaveStateLabel status={texts.saveStatus} testId="session-save-state" />}
        </Group>
        {editable ? (
          <Textarea
            value={value}
            onChange={(event) => texts.change(field, event.currentTarget.value)}
            onBlur={() => void texts.flush().catch(() => {})}
            placeholder={t(`coaching.${field}.placeholder`)}
            description={t(`coaching.${field}.hint`)}
            maxLength={limits[field]}
            autosize
            minRows={field === 'talkingPoints' ? 4 : 2}
            maxRows={16}
            data-testid={testIds[field]}
            data-save-state={texts.saveStatus.state}
          />
        ) : (
          <Text
            size="sm"
            c={value ? undefined : 'dimmed'}
            style={{ whiteSpace: 'pre-wrap' }}
            data-testid={testIds[field]}
          >
            {value || t(`coaching.${field}.empty`)}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
