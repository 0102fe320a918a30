import { Group, Stack, Textarea } from '@mantine/core';
import { useImperativeHandle, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_COMMENT_CHARS, type Moment, type Tag } from '../../../../../shared/api/methods/review';
import { SaveStateLabel } from '../../../app/autosave/SaveStateLabel';
import { useAutosave } from '../../../app/autosave/useAutosave';
import { TagPicker } from './TagPicker';

/** Saved this long after the reviewer stops typing. */
const COMMENT_DELAY_MS = 600;

export interface MomentEditorHandle {
  /** Saves the comment as typed so far (before the moment is deleted, so undo brings it back whole). */
  flush: () => Promise<void>;
}

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
  ref,
}: {
  ref?: Ref<MomentEditorHandle>;
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
  const autosave = useAutosave(onSaveComment, { delayMs: COMMENT_DELAY_MS });
  useImperativeHandle(ref, () => ({ flush: autosave.flush }), [autosave]);
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
          autosave.change(event.currentTarget.value);
        }}
        onBlur={() => void autosave.flush().catch(() => {})}
        onKeyDown={(event) => event.key === 'Escape' && event.currentTarget.blur()}
        data-testid="moment-comment"
      />
      <TagPicker tags={tags} value={moment.tagIds} onChange={onTags} createTag={createTag} />
      <Group justify="flex-end">
        <SaveStateLabel status={autosave.status} testId="moment-save-state" />
      </Group>
    </Stack>
  );
}
