import { useEffect, useState } from 'react';
import type { AnswerPatch, EvaluationDetail } from '../../../../shared/api/methods/evaluations';
import type { Answer, AnswerValue } from '../../../../shared/rubric/answers';
import { api } from '../../api/client';
import type { SaveState } from '../rubrics/useDraftAutosave';
import { DraftSaver } from './draft-saver';

/**
 * The reviewer's answers as they are being given, shown at once and autosaved by a DraftSaver (see
 * there for when saves happen). Anything unsaved goes out when the form closes or the page is hidden.
 */
export function useEvaluationDraft(detail: EvaluationDetail, reviewerId: number) {
  const [answers, setAnswers] = useState(() => new Map(detail.answers.map((a) => [a.itemId, a])));
  const [overallComment, setOverallComment] = useState(detail.overallComment);
  const [save, setSave] = useState<{ state: SaveState; error: string | null }>({
    state: 'saved',
    error: null,
  });
  const [saver] = useState(
    () =>
      new DraftSaver(
        (changes, savedAs) => api.evaluation.saveDraft({ id: detail.id, reviewerId: savedAs, ...changes }),
        (state, error) => setSave({ state, error }),
        reviewerId,
      ),
  );
  // Switching profiles mid-evaluation: later changes are saved as the new reviewer.
  useEffect(() => saver.setReviewer(reviewerId), [saver, reviewerId]);

  useEffect(() => {
    const onHide = () => void saver.flush().catch(() => {});
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      saver.dispose();
    };
  }, [saver]);

  const change = (patch: AnswerPatch, urgent: boolean) => {
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
    saver.change(patch, urgent);
  };

  return {
    answers,
    overallComment,
    saveState: save.state,
    saveError: save.error,
    setValue: (itemId: string, value: AnswerValue | null) => change({ itemId, value }, true),
    setComment: (itemId: string, comment: string) => change({ itemId, comment }, false),
    setMoments: (itemId: string, momentIds: number[]) => change({ itemId, momentIds }, true),
    setOverallComment: (text: string) => {
      setOverallComment(text);
      saver.changeOverallComment(text);
    },
    whenSaved: () => saver.settle(),
  };
}
