import { Alert, Button, Group, Kbd, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Moment } from '../../../../../shared/api/methods/review';
import { PinIcon } from '../icons';
import { MomentCard } from './MomentCard';
import type { MomentWorkspace } from './useMomentWorkspace';

/** The moments of this interaction, in the order they happen, the open one with its editor. */
export function MomentsPanel({
  workspace,
  onAdd,
  onPlay,
  addKeys,
  emptyHint,
}: {
  workspace: MomentWorkspace;
  onAdd: () => void;
  /** Plays from the moment; absent for chats. */
  onPlay: ((moment: Moment) => void) | null;
  addKeys: string | undefined;
  emptyHint: string;
}) {
  const { t } = useTranslation();
  const { moments, tags } = workspace;
  return (
    <Stack gap="xs" data-testid="moments" data-count={moments.length}>
      <Group justify="space-between" wrap="nowrap">
        <Title order={4}>{t('review.moments.title', { count: moments.length })}</Title>
        <Button
          size="xs"
          variant="light"
          leftSection={<PinIcon size={14} />}
          rightSection={addKeys ? <Kbd size="xs">{addKeys}</Kbd> : undefined}
          onClick={onAdd}
          onMouseDown={(event) => event.preventDefault()}
          data-testid="moment-add"
        >
          {t('review.moments.add')}
        </Button>
      </Group>
      {workspace.error && (
        <Alert color="red" p="xs" withCloseButton onClose={workspace.clearError}>
          {t('errors.generic', { message: workspace.error })}
        </Alert>
      )}
      <ScrollArea.Autosize mah="max(300px, calc(100vh - 480px))" type="auto" offsetScrollbars>
        {moments.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="moments-empty">
            {emptyHint}
          </Text>
        ) : (
          <Stack gap={6}>
            {moments.map((moment) => (
              <MomentCard
                key={moment.id}
                moment={moment}
                tags={tags.byId}
                allTags={tags.tags}
                selected={moment.id === workspace.selectedId}
                focusComment={moment.id === workspace.selectedId && workspace.focusComment}
                canPlay={onPlay !== null && moment.startMs !== null}
                pinnedBy={workspace.mayChange(moment) ? null : (workspace.authorOf(moment) ?? '…')}
                onSelect={() => workspace.select(moment.id === workspace.selectedId ? null : moment.id)}
                onPlay={() => onPlay?.(moment)}
                onDelete={() => workspace.remove(moment.id)}
                onSaveComment={workspace.saveComment(moment.id)}
                onTags={(tagIds) => workspace.setTags(moment.id, tagIds)}
                createTag={tags.create}
              />
            ))}
          </Stack>
        )}
      </ScrollArea.Autosize>
    </Stack>
  );
}
