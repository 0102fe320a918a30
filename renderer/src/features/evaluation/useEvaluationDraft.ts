import { useEffect, useRef, useState } from 'react';
import type { AnswerPatch, EvaluationDetail } from '../../../../shared/api/methods/evaluations';
import type { Answer, AnswerValue } from '../../../../shared/rubric/answers';
import { useAutosave } from '../../app/autosave/useAutosave';
import { api } from '../../api/client';

/** Typing is saved this long after the last key… */
const TYPING_DELAY_MS = 300;
/** …but never later than this after the first unsaved key: a crash costs at most under a second. */
const MAX_UNSAVED_MS = 800;

/** What changed since the last save: only those fields are sent (a keystroke sends one comment). */
interface DraftChanges {
  answers: ReadonlyMap<string, AnswerPatch>;
  overallComment?: string;
}

/** Newer changes of a field win; fields changed only before (another item's comment) are kept. */
function mergeChanges(older: DraftChanges, newer: DraftChanges): DraftChanges {
  const answers = new Map(older.answers);
  for (const [itemId, patch] of newer.answers) answers.set(itemId, { ...answers.get(itemId), ...patch });
  return { answers, overallComment: newer.overallComment ?? older.overallComment };
}

/**
 * The reviewer's answers as they are being given, shown at once and autosaved: answers and moments
 * at once, comments while typing (see the delays above). Anything unsaved goes out when the form
 * closes or the page is hidden, and is retried while the backend is out of reach.
 */
export function useEvaluationDraft(detail: EvaluationDetail, reviewerId: number) {
  const [answers, setAnswers] = useState(() => new Map(detail.answers.map((a) => [a.itemId, a])));
  const [overallComment, setOverallComment] = useState(detail.overallComment);
  // Changes are saved as whoever is acting when the save goes out: the backend knows who (no payload
  // names the reviewer).
  const autosave = useAutosave(
    (changes: DraftChanges) =>
      api.evaluation.saveDraft({
        id: detail.id,
        answers: [...changes.answers.values()],
        ...(changes.overallComment === undefined ? {} : { overallComment: changes.overallComment }),
      }),
    { merge: mergeChanges, delayMs: TYPING_DELAY_MS, maxWaitMs: MAX_UNSAVED_MS },
  );
  const { change: record, flush } = autosave;
  // Switching profiles mid-evaluation: what was changed before is sent at once, and saved as the
  // profile the backend acts as by then.
  const shownFor = useRef(reviewerId);
  useEffect(() => {
    if (shownFor.current === reviewerId) return;
    void flush().catch(() => {});
    shownFor.current = reviewerId;
  }, [flush, reviewerId]);

  const change = (patch: AnswerPatch, now: boolean) => {
    setAnswers((map) => {
      const known: Answer = map.get(patch.itemId) ?? {
        itemId: patch.itemId,
        value: null,
        comment: '',
        momentIds: [],
      };
      return new Map(map).set(patch.itemId, {
        ...known,
        ...patch,
        value: patch.value === undefined ? known.value : patch.value,
      });
    });
    record({ answers: new Map([[patch.itemId, patch]]) }, { now });
  };

  return {
    answers,
    overallComment,
    saveStatus: autosave.status,
    setValue: (itemId: string, value: AnswerValue | null) => change({ itemId, value }, true),
    setComment: (itemId: string, comment: string) => change({ itemId, comment }, false),
    setMoments: (itemId: string, momentIds: number[]) => change({ itemId, momentIds }, true),
    setOverallComment: (text: string) => {
      setOverallComment(text);
      record({ answers: new Map(), overallComment: text });
    },
    /** Waits until every change is saved (submitting needs that); rejects when one cannot be. */
    whenSaved: flush,
    /** Gives up changes not yet sent (the draft is being discarded); resolves once a save on its way has landed. */
    dropUnsaved: autosave.cancel,
  };
}
