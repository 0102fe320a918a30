import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Tag } from '../../../../shared/api/methods/review';
import { tagLabel } from '../review/moments/tag-label';

/** A moment's tags as chips: exemplary in green as on the review page, the rest in grey. */
export function MomentTags({ tagIds, tags }: { tagIds: readonly number[]; tags: ReadonlyMap<number, Tag> }) {
  const { t } = useTranslation();
  const known = tagIds.map((id) => tags.get(id)).filter((tag): tag is Tag => tag !== undefined);
  if (known.length === 0) return null;
  return (
    <Group gap={4} wrap="wrap">
      {known.map((tag) => (
        <Badge
          key={tag.id}
          size="sm"
          variant="light"
          color={tag.builtin === 'exemplary' ? 'green' : tag.builtin === 'rude' ? 'red' : 'gray'}
          data-testid="moment-tag"
        >
          {tagLabel(t, tag)}
        </Badge>
      ))}
    </Group>
  );
}
