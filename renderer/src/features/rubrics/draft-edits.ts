import {
  blankItem,
  type DraftItem,
  type DraftOption,
  type DraftSection,
  type RubricDraft,
} from '../../../../shared/api/methods/rubric-draft';

/**
 * Pure edits of a rubric draft, one function per thing an author does. Ids are made once, when an
 * element is created, and never follow later title changes: answers and reports refer to them.
 */

/** Every id in the draft: sections, items and (for uniqueness within an item) nothing else. */
function usedIds(draft: RubricDraft): Set<string> {
  const ids = new Set<string>();
  for (const section of draft.sections) {
    ids.add(section.id);
    for (const item of section.items) ids.add(item.id);
  }
  return ids;
}

/** `item-4f7k2c`: short, unique in the draft, and never reused for a different item. */
export function newId(prefix: string, taken: ReadonlySet<string>): string {
  for (;;) {
    const id = `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
    if (!taken.has(id)) return id;
  }
}

const withSections = (draft: RubricDraft, sections: DraftSection[]): RubricDraft => ({ ...draft, sections });

export function addSection(draft: RubricDraft): { draft: RubricDraft; itemId: string } {
  const taken = usedIds(draft);
  const sectionId = newId('section', taken);
  const itemId = newId('item', new Set([...taken, sectionId]));
  const section: DraftSection = { id: sectionId, title: '', weight: 1, items: [blankItem(itemId)] };
  return { draft: withSections(draft, [...draft.sections, section]), itemId };
}

export function updateSection(
  draft: RubricDraft,
  index: number,
  changes: Partial<DraftSection>,
): RubricDraft {
  return withSections(
    draft,
    draft.sections.map((section, i) => (i === index ? { ...section, ...changes } : section)),
  );
}

export function removeSection(draft: RubricDraft, index: number): RubricDraft {
  return withSections(
    draft,
    draft.sections.filter((_, i) => i !== index),
  );
}

export function moveSection(draft: RubricDraft, index: number, delta: number): RubricDraft {
  const to = index + delta;
  if (to < 0 || to >= draft.sections.length) return draft;
  const sections = [...draft.sections];
  const [moved] = sections.splice(index, 1);
  sections.splice(to, 0, moved!);
  return withSections(draft, sections);
}

export function addItem(draft: RubricDraft, sectionIndex: number): { draft: RubricDraft; itemId: string } {
  const itemId = newId('item', usedIds(draft));
  const next = withSections(
    draft,
    draft.sections.map((section, i) =>
      i === sectionIndex ? { ...section, items: [...section.items, blankItem(itemId)] } : section,
    ),
  );
  return { draft: next, itemId };
}

export function updateItem(
  draft: RubricDraft,
  sectionIndex: number,
  itemIndex: number,
  changes: Partial<DraftItem>,
): RubricDraft {
  return withSections(
    draft,
    draft.sections.map((section, s) =>
      s !== sectionIndex
        ? section
        : {
            ...section,
            items: section.items.map((item, i) => (i === itemIndex ? { ...item, ...changes } : item)),
          },
    ),
  );
}

/** Switching to a choice item starts it with two options, so it is valid as soon as they have labels. */
export function changeItemType(item: DraftItem, type: DraftItem['type']): Partial<DraftItem> {
  if (type !== 'choice' || item.options.length > 0) return { type };
  const options: DraftOption[] = [
    { id: 'option-1', label: '', points: 1, fail: false },
    { id: 'option-2', label: '', points: 0, fail: false },
  ];
  return { type, options };
}

export function removeItem(draft: RubricDraft, sectionIndex: number, itemIndex: number): RubricDraft {
  return withSections(
    draft,
    draft.sections.map((section, s) =>
      s === sectionIndex ? { ...section, items: section.items.filter((_, i) => i !== itemIndex) } : section,
    ),
  );
}

export interface ItemPlace {
  section: number;
  item: number;
}

/** Moves an item to a place (in the same or another section); `to.item` counts before the move. */
export function moveItemTo(draft: RubricDraft, from: ItemPlace, to: ItemPlace): RubricDraft {
  const moved = draft.sections[from.section]?.items[from.item];
  if (!moved || !draft.sections[to.section]) return draft;
  let target = to.item;
  if (from.section === to.section && from.item < to.item) target--;
  const sections = draft.sections.map((section, s) => {
    const items = s === from.section ? section.items.filter((_, i) => i !== from.item) : [...section.items];
    if (s === to.section) items.splice(Math.max(0, Math.min(target, items.length)), 0, moved);
    return { ...section, items };
  });
  return withSections(draft, sections);
}

/**
 * One step up or down, as Alt+↑/↓ does: within the section, and past its edge into the neighbouring
 * section (to its end going up, its start going down). Returns where the item ended up.
 */
export function moveItemBy(
  draft: RubricDraft,
  from: ItemPlace,
  delta: -1 | 1,
): { draft: RubricDraft; place: ItemPlace } | null {
  const section = draft.sections[from.section];
  if (!section) return null;
  const within = from.item + delta;
  if (within >= 0 && within < section.items.length) {
    const to = { section: from.section, item: delta > 0 ? within + 1 : within };
    return { draft: moveItemTo(draft, from, to), place: { section: from.section, item: within } };
  }
  const neighbour = from.section + delta;
  const other = draft.sections[neighbour];
  if (!other) return null;
  const item = delta > 0 ? 0 : other.items.length;
  return {
    draft: moveItemTo(draft, from, { section: neighbour, item }),
    place: { section: neighbour, item },
  };
}

export function updateOption(
  item: DraftItem,
  index: number,
  changes: Partial<DraftOption>,
): Pick<DraftItem, 'options'> {
  return { options: item.options.map((option, i) => (i === index ? { ...option, ...changes } : option)) };
}

export function addOption(item: DraftItem): Pick<DraftItem, 'options'> {
  const taken = new Set(item.options.map((option) => option.id));
  let n = item.options.length + 1;
  while (taken.has(`option-${n}`)) n++;
  return { options: [...item.options, { id: `option-${n}`, label: '', points: 0, fail: false }] };
}

export function removeOption(item: DraftItem, index: number): Pick<DraftItem, 'options'> {
  return { options: item.options.filter((_, i) => i !== index) };
}
