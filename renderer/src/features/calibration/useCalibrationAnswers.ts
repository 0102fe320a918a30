import { useState } from 'react';
import type { CalibrationAnswer, CalibrationAnswerPatch } from '../../../../shared/api/methods/calibration';
import type { Answer, AnswerValue } from '../../../../shared/rubric/answers';
import { useAutosave } from '../../app/autosave/useAutosave';
import { api } from '../../api/client';

/** As an evaluation draft (useEvaluationDraft): answers at once, comments shortly after typing stops. */
const TYPING_DELAY_MS = 300;
const MAX_UNSAVED_MS = 800;

type Changes = ReadonlyMap<string, CalibrationAnswerPatch>;

const merge = (older: Changes, newer: Changes): Changes => {
  const next = new Map(older);
  for (const [itemId, patch] of newer) next.set(itemId, { ...next.get(itemId), ...patch });
  return next;
};

/**
 * A participant's answers to one interaction of a calibration session, shown at once and autosaved
 * with the evaluation form's rules; they go to the session's own store, never to an evaluation.
 */
export function useCalibrationAnswers(
  sessionId: number,
  interactionId: number,
  saved: readonly CalibrationAnswer[],
) {
  const [answers, setAnswers] = useState(
    () => new Map<string, Answer>(saved.map((a) => [a.itemId, { ...a, momentIds: [] }])),
  );
  const autosave = useAutosave(
    (changes: Changes) =>
      api.calibration.saveAnswers({ sessionId, interactionId, answers: [...changes.values()] }),
    { merge, delayMs: TYPING_DELAY_MS, maxWaitMs: MAX_UNSAVED_MS },
  );
  const change = (patch: CalibrationAnswerPatch, now: boolean) => {
    setAnswers((map) => {
      const known: Answer = map.get(patch.itemId) ?? {
        itemId: patch.itemId,
        value: null,
        comment: '',
        momentIds: [],
      };
      return new Map(map).set(patch.itemId, {
        ...known,
        ...(patch.comment === undefined ? {} : { comment: patch.comment }),
        value: patch.value === undefined ? known.value : patch.value,
      });
    });
    autosave.change(new Map([[patch.itemId, patch]]), { now });
  };
  return {
    answers,
    saveStatus: autosave.status,
    setValue: (itemId: string, value: AnswerValue | null) => change({ itemId, value }, true),
    setComment: (itemId: string, comment: string) => change({ itemId, comment }, false),
    whenSaved: autosave.flush,
  };
}
