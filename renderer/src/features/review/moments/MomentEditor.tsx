import { Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_COMMENT_CHARS, type Moment, type Tag } from '../../../../../shared/api/methods/review';
import { TagPicker } from './TagPicker';
import { useAutosave } from './useAutosave';

/**
 * The comment and tags of the selected moment. The comment is saved as the reviewer types; Escape
 * leaves the box so the playback keys work again.
 */
export function MomentEditor({
  moment,
  tags,
  onSaveComment,
  onTags,
  createTag,
  autoFocus,
}: {
  moment: Moment;
  tags: readonly Tag[];
  onSaveComment: (comment: string) => Promise<unknown>;
  onTags: (tagIds: number[]) => void;
  createTag: (name: string) => Promise<Tag>;
  autoFocus: boolean;
}) {
  const { t } = useTranslation();
  // The box keeps what the reviewer types; saved answers never overwrite it while it is open.
  const [comment, setComment] = useState(moment.comment);
  const autosave = useAutosave(onSaveComment);
  return (
    <Stack gap="xs" data-testid="moment-editor" data-save-state={autosave.state}>
      <Textarea
        size="sm"
        autosize
        minRows={2}
        maxRows={8}
        autoFocus={autoFocus}
        label={t('review.moments.comment')}
        placeholder={t('review.moments.commentPlaceholder')}
        value={comment}
        maxLength={MAX_COMMENT_CHARS}
        onChange={(event) => {
          setComment(event.currentTarget.value);
          autosave.schedule(event.currentTarget.value);
        }}
        onBlur={autosave.flush}
        onKeyDown={(event) => event.key === 'Escape' && event.currentTarget.blur()}
        data-testid="moment-comment"
      />
      <TagPicker tags={tags} value={moment.tagIds} onChange={onTags} createTag={createTag} />
      <Group justify="flex-end">
        <Text size="xs" c={autosave.state === 'failed' ? 'red' : 'dimmed'} data-testid="moment-save-state">
          {t(`review.moments.save.${autosave.state}`)}
        </Text>
      </Group>
    </Stack>
  );
}
