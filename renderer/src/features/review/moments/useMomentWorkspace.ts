import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Moment, NewMoment } from '../../../../../shared/api/methods/review';
import { useToast } from '../../../app/toast/Toasts';
import { useCurrentReviewer, useProfiles } from '../../profiles/useProfiles';
import { momentRefusalText } from './moment-refusal';
import { momentPlace } from './tag-label';
import { useMoments } from './useMoments';
import { useTags } from './useTags';

/**
 * The moments side of a review: the list, which one is open, and the reviewer's actions on them. Pinning
 * opens the new moment with its comment focused, so "M, type, Tab, tag" works without the mouse.
 */
export function useMomentWorkspace(interactionId: number) {
  const moments = useMoments(interactionId);
  const tags = useTags();
  const [selection, setSelection] = useState<{ id: number; focus: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { t } = useTranslation();
  const report = useCallback((failure: unknown) => setError(momentRefusalText(t, failure)), [t]);
  const { create, update, remove, restore } = moments;
  const toast = useToast();
  const profiles = useProfiles().data;
  const currentId = useCurrentReviewer()?.id ?? null;
  // The backend's rule, so the screen offers no change it would refuse: a moment is its author's, and
  // one pinned before anybody had a profile is anybody's.
  const mayChange = useCallback(
    (moment: Moment) => moment.authorId === null || moment.authorId === currentId,
    [currentId],
  );
  const authorOf = useCallback(
    (moment: Moment) => profiles?.profiles.find((profile) => profile.id === moment.authorId)?.name ?? null,
    [profiles],
  );

  const pin = useCallback(
    (moment: Omit<NewMoment, 'interactionId'>) =>
      create(moment).then((created) => {
        setError(null);
        setSelection({ id: created.id, focus: true });
      }, report),
    [create, report],
  );

  return {
    moments: moments.moments,
    loadError: moments.error,
    tags,
    selectedId: selection?.id ?? null,
    focusComment: selection?.focus ?? false,
    mayChange,
    authorOf,
    error,
    clearError: useCallback(() => setError(null), []),
    pin,
    select: useCallback((id: number | null) => setSelection(id === null ? null : { id, focus: false }), []),
    saveComment: useCallback((id: number) => (comment: string) => update({ id, comment }), [update]),
    setTags: useCallback(
      (id: number, tagIds: number[]) => void update({ id, tagIds }).catch(report),
      [update, report],
    ),
    move: useCallback(
      (id: number, startMs: number, endMs: number | null) =>
        void update({ id, startMs, endMs }).catch(report),
      [update, report],
    ),
    // Deleting asks nothing: it can be undone from the toast (or with Ctrl+Z) for a while.
    remove: useCallback(
      (id: number) => {
        const moment = moments.moments.find((known) => known.id === id);
        setSelection((current) => (current?.id === id ? null : current));
        remove(id).then(
          () =>
            toast({
              message: t('review.moments.deleted', { place: moment ? momentPlace(t, moment) : '' }),
              undo: () => restore(id).then((restored) => setSelection({ id: restored.id, focus: false })),
              testId: 'moment-deleted-toast',
            }),
          report,
        );
      },
      [moments.moments, remove, restore, report, t, toast],
    ),
  };
}

export type MomentWorkspace = ReturnType<typeof useMomentWorkspace>;
