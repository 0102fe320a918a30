import type { TFunction } from 'i18next';
import type { Moment, Tag } from '../../../../../shared/api/methods/review';
import { formatDuration } from '../../../app/format';

/** Built-in tags are shown in the interface language; the reviewers' own as they typed them. */
export function tagLabel(t: TFunction, tag: Tag): string {
  return tag.builtin ? t(`review.tags.builtin.${tag.builtin}`) : tag.name;
}

/** Exemplary moments are collected to share "wow" stories, so they stand out in green; the rest in amber. */
export function momentTone(tagIds: readonly number[], tags: ReadonlyMap<number, Tag>): 'exemplary' | 'issue' {
  return tagIds.some((id) => tags.get(id)?.builtin === 'exemplary') ? 'exemplary' : 'issue';
}

/** Where a moment is: "0:12", "0:12–0:20", or "Message 3" in a chat. */
export function momentPlace(t: TFunction, moment: Moment): string {
  if (moment.startMs === null) return t('review.moments.turn', { number: (moment.turnSeq ?? 0) + 1 });
  if (moment.endMs === null) return formatDuration(moment.startMs);
  return `${formatDuration(moment.startMs)}–${formatDuration(moment.endMs)}`;
}
