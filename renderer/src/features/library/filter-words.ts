import type { Facets, LibraryFilters } from '../../../../shared/api';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The library's filters in words, one entry per filter, for the export dialog to say which
 * interactions it covers: "Agents: Anna Berg, Jussi Koski", "Outcome: below target". Dates are left out:
 * the export has its own. Ids the facets do not know (an agent since merged) show as "#12".
 */
export function filterWords(
  filters: LibraryFilters,
  facets: Facets | undefined,
  t: Translate,
  percent: (value: number) => string,
): string[] {
  const names = (ids: readonly number[] | undefined, list: readonly { id: number; name: string }[]) =>
    (ids ?? []).map((id) => list.find((entry) => entry.id === id)?.name ?? `#${id}`).join(', ');
  const tagName = (id: number) => {
    const tag = facets?.tags.find((entry) => entry.id === id);
    if (!tag) return `#${id}`;
    return tag.builtin ? t(`review.tags.builtin.${tag.builtin}`) : tag.name;
  };
  const words: string[] = [];
  const add = (label: string, value: string) => words.push(`${t(label)}: ${value}`);
  if (filters.text) add('library.search.label', `“${filters.text}”`);
  if (filters.kind)
    add('library.export.kind', t(filters.kind === 'call' ? 'library.filter.calls' : 'library.filter.chats'));
  if (filters.agentIds?.length) add('library.filter.agents', names(filters.agentIds, facets?.agents ?? []));
  if (filters.teamIds?.length) add('library.filter.teams', names(filters.teamIds, facets?.teams ?? []));
  if (filters.reviewed !== undefined) {
    add(
      'library.filter.reviewed',
      t(filters.reviewed ? 'library.filter.reviewedYes' : 'library.filter.reviewedNo'),
    );
  }
  if (filters.scoreMin !== undefined || filters.scoreMax !== undefined) {
    add(
      'library.filter.score',
      t('library.filter.scoreRange', {
        min: percent(filters.scoreMin ?? 0),
        max: percent(filters.scoreMax ?? 100),
      }),
    );
  }
  if (filters.outcomes?.length) {
    add('library.filter.outcome', filters.outcomes.map((o) => t(`evaluation.result.${o}`)).join(', '));
  }
  if (filters.tagIds?.length) add('library.filter.tags', filters.tagIds.map(tagName).join(', '));
  return words;
}
