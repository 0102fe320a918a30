import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../../../shared/rubric/answers';
import type { RubricItem } from '../../../../shared/rubric/schema';
import { itemAnnouncement, type Spoken } from './item-announcement';

/** The text of the form's live region, following focus and the answers given by key. */
export function useItemAnnouncement(
  items: readonly RubricItem[],
  answers: ReadonlyMap<string, Answer>,
  missingComments: readonly string[],
) {
  const { t } = useTranslation();
  const [spoken, setSpoken] = useState<Spoken | null>(null);
  // An answer by key moves focus on at once; the next item's focus announces both.
  const justAnswered = useRef<string | null>(null);
  return {
    text: itemAnnouncement(spoken, items, answers, missingComments, t),
    answered: (itemId: string) => {
      justAnswered.current = itemId;
      setSpoken({ at: itemId, answered: itemId });
    },
    focused: (itemId: string) => {
      setSpoken({ at: itemId, answered: justAnswered.current });
      justAnswered.current = null;
    },
  };
}
