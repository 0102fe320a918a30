import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  checkDraft,
  draftFromRubric,
  type DraftItem,
  type DraftSection,
  type RubricDraft,
} from '../../../../shared/api/methods/rubric-draft';
import type { RubricDetail } from '../../../../shared/api/methods/rubrics';
import { DEFAULT_PASS_MARK } from '../../../../shared/rubric/outcome';
import { useAutosave } from '../../app/autosave/useAutosave';
import { api } from '../../api/client';
import { useVersionedEdits } from '../../app/conflict/useVersionedEdits';
import * as edits from './draft-edits';

/** Where focus goes after an edit re-renders: an item (or section) and which of its fields. */
interface FocusTarget {
  selector: string;
  focusKey: string;
}

const focusKeyOf = (element: Element | null) =>
  (element as HTMLElement | null)?.closest<HTMLElement>('[data-focus-key]')?.dataset.focusKey ?? 'card';

/**
 * The editor's working copy of a rubric: every edit is applied here at once, autosaved as the rubric's
 * draft within half a second, and checked against the rubric schema on every change so problems show
 * where they are. Moves keep the keyboard focus on the moved item and are announced for screen readers.
 */
export function useRubricEditor(rubric: RubricDetail) {
  const { t } = useTranslation();
  const [draft, setDraftState] = useState<RubricDraft>(() => draftOf(rubric));
  const [announcement, setAnnouncement] = useState('');
  const focusAfter = useRef<FocusTarget | null>(null);
  // Saved on the draft version this editor holds: a draft saved elsewhere meanwhile is a conflict,
  // never overwritten unasked.
  const { edits: versions, conflict } = useVersionedEdits<RubricDetail, RubricDraft>({
    version: rubric.draftVersion,
    load: async () => {
      const stored = await api.rubric.get({ id: rubric.id });
      return {
        value: stored,
        version: stored.draftVersion,
        savedBy: stored.draftChangedBy?.name ?? null,
        savedAt: stored.draftChangedAt,
      };
    },
  });
  // The draft is saved whole, so only its newest state is ever sent.
  const autosave = useAutosave((value: RubricDraft) =>
    versions.save(value, (draft, version) => api.rubric.saveDraft({ id: rubric.id, draft, version })),
  );
  const { change } = autosave;

  const setDraft = useCallback(
    (next: RubricDraft) => {
      setDraftState(next);
      change(next);
    },
    [change],
  );

  useLayoutEffect(() => {
    const target = focusAfter.current;
    if (!target) return;
    focusAfter.current = null;
    const container = document.querySelector<HTMLElement>(target.selector);
    const field =
      target.focusKey === 'card'
        ? container
        : container?.querySelector<HTMLElement>(`[data-focus-key="${target.focusKey}"]`);
    (field ?? container)?.focus();
  });

  const check = useMemo(() => checkDraft(rubric.key, draft), [rubric.key, draft]);
  const published = useMemo(
    () => (rubric.latest ? JSON.stringify(draftFromRubric(rubric.latest)) : null),
    [rubric.latest],
  );
  const changed = published === null || JSON.stringify(draft) !== published;

  const moveItem = (section: number, item: number, delta: -1 | 1) => {
    const moved = edits.moveItemBy(draft, { section, item }, delta);
    if (!moved) return;
    const itemId = draft.sections[section]!.items[item]!.id;
    focusAfter.current = {
      selector: `[data-item-id="${itemId}"]`,
      focusKey: focusKeyOf(document.activeElement),
    };
    setDraft(moved.draft);
    setAnnouncement(
      t('rubrics.moved', {
        title: draft.sections[section]!.items[item]!.title || '…',
        position: moved.place.item + 1,
        section: moved.draft.sections[moved.place.section]!.title || moved.place.section + 1,
      }),
    );
  };

  const dropItem = (itemId: string, toSection: number, toItem: number) => {
    const from = findItem(draft, itemId);
    if (!from) return;
    setDraft(edits.moveItemTo(draft, from, { section: toSection, item: toItem }));
    focusAfter.current = { selector: `[data-item-id="${itemId}"]`, focusKey: 'handle' };
  };

  const moveSection = (index: number, delta: -1 | 1) => {
    const next = edits.moveSection(draft, index, delta);
    if (next === draft) return;
    const sectionId = draft.sections[index]!.id;
    focusAfter.current = {
      selector: `[data-section-id="${sectionId}"]`,
      focusKey: focusKeyOf(document.activeElement),
    };
    setDraft(next);
    setAnnouncement(
      t('rubrics.sectionMoved', { title: draft.sections[index]!.title || '…', position: index + delta + 1 }),
    );
  };

  return {
    draft,
    check,
    changed,
    announcement,
    saveStatus: autosave.status,
    flush: autosave.flush,
    /** Gives up edits not yet sent; resolves once a save on its way has landed. */
    dropUnsaved: autosave.cancel,
    /**
     * Replaces the whole draft: an import (saved like any edit), or what the backend now holds after
     * publishing or discarding (`stored`: unsent edits are dropped, not written over it, and saving
     * goes on from the stored draft version).
     */
    replace: async (next: RubricDraft, stored?: { draftVersion: number }) => {
      if (!stored) setDraft(next);
      else {
        await autosave.cancel();
        versions.adopt(stored.draftVersion);
        setDraftState(next);
      }
    },
    /** A save refused because the draft was changed elsewhere: what is stored, and this editor's draft. */
    conflict,
    /** Drops this editor's changes for the stored draft; resolves with what is stored. */
    seeTheirs: async (): Promise<RubricDetail> => {
      await autosave.cancel();
      const stored = versions.seeTheirs();
      setDraftState(draftOf(stored));
      return stored;
    },
    /** Saves this editor's draft over the stored one, on the stored version. */
    keepMine: async () => {
      versions.keepMine();
      change(draft, { now: true });
      await autosave.flush();
    },
    update: (changes: Partial<RubricDraft>) => setDraft({ ...draft, ...changes }),
    updateSection: (index: number, changes: Partial<DraftSection>) =>
      setDraft(edits.updateSection(draft, index, changes)),
    updateItem: (section: number, item: number, changes: Partial<DraftItem>) =>
      setDraft(edits.updateItem(draft, section, item, changes)),
    addSection: () => {
      const added = edits.addSection(draft);
      const sectionId = added.draft.sections.at(-1)!.id;
      focusAfter.current = { selector: `[data-section-id="${sectionId}"]`, focusKey: 'section-title' };
      setDraft(added.draft);
    },
    removeSection: (index: number) => setDraft(edits.removeSection(draft, index)),
    addItem: (section: number) => {
      const added = edits.addItem(draft, section);
      focusAfter.current = { selector: `[data-item-id="${added.itemId}"]`, focusKey: 'title' };
      setDraft(added.draft);
    },
    removeItem: (section: number, item: number) => setDraft(edits.removeItem(draft, section, item)),
    moveItem,
    dropItem,
    moveSection,
  };
}

function findItem(draft: RubricDraft, itemId: string): edits.ItemPlace | null {
  for (const [section, entry] of draft.sections.entries()) {
    const item = entry.items.findIndex((candidate) => candidate.id === itemId);
    if (item >= 0) return { section, item };
  }
  return null;
}

/** What an editor opened on `rubric` starts from: its draft, else its latest version, else nothing. */
function draftOf(rubric: RubricDetail): RubricDraft {
  return rubric.draft ?? (rubric.latest ? draftFromRubric(rubric.latest) : emptyDraft(rubric));
}

function emptyDraft(rubric: RubricDetail): RubricDraft {
  return {
    kind: rubric.kind,
    name: rubric.name,
    language: rubric.language,
    description: '',
    passMark: DEFAULT_PASS_MARK,
    sections: [],
  };
}
