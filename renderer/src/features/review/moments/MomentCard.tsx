import { ActionIcon, Badge, Group, Paper, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Moment, Tag } from '../../../../../shared/api/methods/review';
import { PlayIcon, TrashIcon } from '../icons';
import { MomentEditor, type MomentEditorHandle } from './MomentEditor';
import { momentPlace, momentTone, tagLabel } from './tag-label';

export interface MomentCardProps {
  moment: Moment;
  tags: ReadonlyMap<number, Tag>;
  allTags: readonly Tag[];
  selected: boolean;
  /** Focus the comment when the moment was just pinned by key, so the reviewer can type at once. */
  focusComment: boolean;
  canPlay: boolean;
  /** The author's name when the moment is someone else's: shown, not edited (only its author changes it). */
  pinnedBy: string | null;
  onSelect: () => void;
  onPlay: () => void;
  onDelete: () => void;
  onSaveComment: (comment: string) => Promise<unknown>;
  onTags: (tagIds: number[]) => void;
  createTag: (name: string) => Promise<Tag>;
}

/** A moment in the list: when and its tags; open, its comment and tags to edit. */
export function MomentCard(props: MomentCardProps) {
  const { moment, tags, selected, pinnedBy } = props;
  const { t } = useTranslation();
  const tone = momentTone(moment.tagIds, tags);
  const editor = useRef<MomentEditorHandle>(null);
  // The comment as typed is saved first, so that undoing the delete brings back every word of it.
  const remove = async () => {
    await editor.current?.flush().catch(() => {});
    props.onDelete();
  };
  const when = momentPlace(t, moment);
  return (
    <Paper
      withBorder
      p="xs"
      radius="md"
      style={{ borderLeft: `4px solid var(--mantine-color-${tone === 'exemplary' ? 'green' : 'yellow'}-6)` }}
      bg={selected ? 'var(--mantine-color-gray-0)' : undefined}
      data-testid="moment"
      data-selected={selected}
      data-moment-id={moment.id}
      data-mine={pinnedBy === null}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <UnstyledButton onClick={props.onSelect} style={{ flex: 1, minWidth: 0 }} data-testid="moment-open">
            <Group gap={6} wrap="wrap">
              <Text size="sm" fw={700} ff="monospace">
                {when}
              </Text>
              {moment.tagIds.map((id) => {
                const tag = tags.get(id);
                return tag ? (
                  <Badge
                    key={id}
                    size="xs"
                    variant="light"
                    color={tag.builtin === 'exemplary' ? 'green' : 'gray'}
                  >
                    {tagLabel(t, tag)}
                  </Badge>
                ) : null;
              })}
            </Group>
            {!selected && (
              <Text size="sm" c={moment.comment ? undefined : 'dimmed'} lineClamp={2}>
                {moment.comment || t('review.moments.noComment')}
              </Text>
            )}
          </UnstyledButton>
          <Group gap={2} wrap="nowrap">
            {props.canPlay && (
              <Tooltip label={t('review.moments.play')}>
                <ActionIcon
                  variant="subtle"
                  size="sm"
                  onClick={props.onPlay}
                  aria-label={t('review.moments.play')}
                >
                  <PlayIcon size={14} />
                </ActionIcon>
              </Tooltip>
            )}
            {pinnedBy === null && (
              <Tooltip label={t('review.moments.delete')}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="sm"
                  onClick={() => void remove()}
                  aria-label={t('review.moments.delete')}
                  data-testid="moment-delete"
                >
                  <TrashIcon size={14} />
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
        </Group>
        {selected && pinnedBy !== null && (
          <Stack gap={4} data-testid="moment-pinned-by">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={moment.comment ? undefined : 'dimmed'}>
              {moment.comment || t('review.moments.noComment')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('review.moments.pinnedBy', { name: pinnedBy })}
            </Text>
          </Stack>
        )}
        {selected && pinnedBy === null && (
          <MomentEditor
            ref={editor}
            moment={moment}
            tags={props.allTags}
            onSaveComment={props.onSaveComment}
            onTags={props.onTags}
            createTag={props.createTag}
            autoFocus={props.focusComment}
          />
        )}
      </Stack>
    </Paper>
  );
}
