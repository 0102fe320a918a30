import type { TFunction } from 'i18next';
import type { MysteryChecklist } from '../../../../../shared/api/methods/mystery-import';

/** The details a column can hold, in the order the select lists them. */
export const detailTargets = [
  'shopId',
  'date',
  'time',
  'occurredAt',
  'team',
  'agent',
  'channel',
  'scenario',
  'answeredBy',
  'evidenceFile',
  'notes',
] as const;

/** A checklist as the select names it: built-in key or rubric id, with its language. */
export const checklistKey = (c: { rubric: string | number; language: string }) =>
  `${String(c.rubric)}|${c.language}`;

/** The target select's choices: details, one per checklist item (and its comment), extra, ignore. */
export function targetOptions(t: TFunction, checklist: MysteryChecklist | undefined) {
  const items = checklist?.items ?? [];
  return [
    {
      group: t('mysteryImport.columns.groupDetails'),
      items: detailTargets.map((target) => ({ value: target, label: t(`mysteryImport.target.${target}`) })),
    },
    {
      group: t('mysteryImport.columns.groupChecklist'),
      items: items.flatMap((item) => [
        { value: `item:${item.id}`, label: item.title },
        { value: `comment:${item.id}`, label: t('mysteryImport.target.comment', { item: item.title }) },
      ]),
    },
    {
      group: t('mysteryImport.columns.groupOther'),
      items: [
        { value: 'extra', label: t('mysteryImport.target.extra') },
        { value: 'ignore', label: t('mysteryImport.target.ignore') },
      ],
    },
  ];
}

/** What a cell text can be mapped to for an item: its options, or yes/no/n.a., or the scale's numbers. */
export function answerChoices(t: TFunction, item: MysteryChecklist['items'][number]) {
  const na = item.naAllowed ? [{ value: 'na', label: t('mysteryImport.values.na') }] : [];
  if (item.type === 'choice') return [...item.options.map((o) => ({ value: o.id, label: o.label })), ...na];
  if (item.type === 'scale') {
    return [
      ...Array.from({ length: (item.max ?? 0) + 1 }, (_, n) => ({ value: String(n), label: String(n) })),
      ...na,
    ];
  }
  return [
    { value: 'yes', label: t('mysteryImport.values.yes') },
    { value: 'no', label: t('mysteryImport.values.no') },
    ...na,
  ];
}

/** The backend's problem without the row and column it starts with: the table shows those beside it. */
export function problemText(error: string): string {
  return error.replace(/^row \d+: /, '').replace(/^column "[^"]*": /, '');
}

/** A shop's local wall-clock time ("2025-03-14T10:30") as the language writes it; no time zone is added. */
export function formatLocal(occurredAt: string, language: string): string {
  const [date = '', time = ''] = occurredAt.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  const at = new Date(Date.UTC(y!, m! - 1, d!, h ?? 0, min ?? 0));
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(at);
}
