import type { TFunction } from 'i18next';
import type { Tag } from '../../../../../shared/api/methods/review';

/** Built-in tags are shown in the interface language; the reviewers' own as they typed them. */
export function tagLabel(t: TFunction, tag: Tag): string {
  return tag.builtin ? t(`review.tags.builtin.${tag.builtin}`) : tag.name;
}

/** Exemplary moments are collected to share "wow" stories, so they stand out in green; the rest in amber. */
export function momentTone(tagIds: readonly number[], tags: ReadonlyMap<number, Tag>): 'exemplary' | 'issue' {
  return tagIds.some((id) => tags.get(id)?.builtin === 'exemplary') ? 'exemplary' : 'issue';
}
