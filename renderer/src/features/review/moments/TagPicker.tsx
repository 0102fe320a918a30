import { TagsInput } from '@mantine/core';
import { useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { MAX_TAGS_PER_MOMENT, type Tag } from '../../../../../shared/api/methods/review';
import { tagLabel } from './tag-label';

/**
 * Tags for a moment by name: pick a suggested one or type a new one (Enter adds it). Typed names match
 * the tags as shown, so "Rude" in English and "Unhöflich" in German both find the built-in tag. Escape
 * drops what was typed and leaves the box, so the playback keys work again (as in the comment box).
 */
export function TagPicker({
  tags,
  value,
  onChange,
  createTag,
}: {
  tags: readonly Tag[];
  value: readonly number[];
  onChange: (tagIds: number[]) => void;
  createTag: (name: string) => Promise<Tag>;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const labelOf = new Map(tags.map((tag) => [tag.id, tagLabel(t, tag)]));
  const find = (label: string) =>
    tags.find(
      (tag) => tag.builtin && labelOf.get(tag.id)!.toLocaleLowerCase() === label.toLocaleLowerCase(),
    ) ?? tags.find((tag) => labelOf.get(tag.id)!.toLocaleLowerCase() === label.toLocaleLowerCase());

  const change = async (labels: string[]) => {
    const ids: number[] = [];
    for (const label of labels) {
      const tag = find(label) ?? (await createTag(label.trim()));
      if (!ids.includes(tag.id)) ids.push(tag.id);
    }
    onChange(ids);
  };

  return (
    <TagsInput
      size="xs"
      label={t('review.moments.tags')}
      placeholder={value.length === 0 ? t('review.moments.tagsPlaceholder') : undefined}
      data={tags.map((tag) => labelOf.get(tag.id)!)}
      value={value.map((id) => labelOf.get(id) ?? '?')}
      onChange={(labels) => void change(labels)}
      searchValue={search}
      onSearchChange={setSearch}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        // Emptied before leaving, or the box would add the half-typed name as a tag on blur.
        flushSync(() => setSearch(''));
        event.currentTarget.blur();
      }}
      maxTags={MAX_TAGS_PER_MOMENT}
      comboboxProps={{ withinPortal: true }}
      data-testid="moment-tags"
    />
  );
}
