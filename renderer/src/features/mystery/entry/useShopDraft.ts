import { useRef, useState } from 'react';
import type { MysteryShopDetail, MysteryShopFields } from '../../../../../shared/api/methods/mystery';
import type { Answer, AnswerValue } from '../../../../../shared/rubric/answers';
import { useAutosave } from '../../../app/autosave/useAutosave';
import { api } from '../../../api/client';
import { fieldsOfForm, type ShopForm } from './shop-form';

/** As the evaluation form: saved this long after the last key, and never later than the second figure. */
const TYPING_DELAY_MS = 300;
const MAX_UNSAVED_MS = 800;

/**
 * The shop being entered, shown at once and autosaved as a draft through the app's one autosave engine.
 * The first save creates the draft (once it has what a draft needs: see shopProblems); later saves
 * replace its fields. Answers are saved at once, typing after a pause.
 */
export function useShopDraft(
  initial: { form: ShopForm; shop: MysteryShopDetail | null },
  onCreated: (shop: MysteryShopDetail) => void,
) {
  const [form, setForm] = useState(initial.form);
  const latest = useRef(initial.form);
  const id = useRef<number | null>(initial.shop?.id ?? null);
  const [shop, setShop] = useState(initial.shop);
  const autosave = useAutosave(
    async (fields: MysteryShopFields) => {
      const saved = await api.mystery.saveDraft({
        ...(id.current === null ? {} : { id: id.current }),
        fields,
      });
      if (id.current === null) {
        id.current = saved.id;
        onCreated(saved);
      }
      setShop(saved);
    },
    { delayMs: TYPING_DELAY_MS, maxWaitMs: MAX_UNSAVED_MS },
  );

  const update = (patch: Partial<ShopForm>, now = false) => {
    const next = { ...latest.current, ...patch };
    latest.current = next;
    setForm(next);
    const fields = fieldsOfForm(next);
    if (fields) autosave.change(fields, { now });
  };
  const setAnswer = (itemId: string, patch: Partial<Answer>, now: boolean) => {
    const answers = new Map(latest.current.answers);
    const known = answers.get(itemId) ?? { itemId, value: null };
    answers.set(itemId, { ...known, ...patch });
    update({ answers }, now);
  };

  return {
    form,
    /** The draft as last saved; null until the first save created it. */
    shop,
    saveStatus: autosave.status,
    update,
    setValue: (itemId: string, value: AnswerValue | null) => setAnswer(itemId, { value }, true),
    setComment: (itemId: string, comment: string) => setAnswer(itemId, { comment }, false),
    /** Waits until every change is saved (submitting needs that); rejects when one cannot be. */
    whenSaved: autosave.flush,
  };
}
