import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RubricDraft } from '../../../../shared/api/methods/rubric-draft';
import type { RubricDetail } from '../../../../shared/api/methods/rubrics';
import { api } from '../../api/client';
import { RequireProfile } from '../profiles/RequireProfile';

/** Publishing makes the draft the rubric's next, immutable version; a note says what changed. */
export function PublishDialog({
  opened,
  onClose,
  rubric,
  draft,
  onPublished,
}: {
  opened: boolean;
  onClose: () => void;
  rubric: RubricDetail;
  draft: RubricDraft;
  onPublished: (rubric: RubricDetail) => void;
}) {
  const { t } = useTranslation();
  const next = (rubric.latestVersion?.version ?? 0) + 1;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('rubrics.publish.title', { version: next })}
      data-testid="publish-dialog"
    >
      <RequireProfile>
        {() => <PublishForm rubric={rubric} draft={draft} onClose={onClose} onPublished={onPublished} />}
      </RequireProfile>
    </Modal>
  );
}

function PublishForm({
  rubric,
  draft,
  onClose,
  onPublished,
}: {
  rubric: RubricDetail;
  draft: RubricDraft;
  onClose: () => void;
  onPublished: (rubric: RubricDetail) => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const next = (rubric.latestVersion?.version ?? 0) + 1;
  const publish = useMutation({
    mutationFn: () => api.rubric.publish({ id: rubric.id, draft, note }),
    onSuccess: (published) => {
      setNote('');
      onPublished(published);
    },
  });
  return (
    <Stack>
      <Text size="sm">{t('rubrics.publish.body', { version: next, count: rubric.evaluationCount })}</Text>
      <Textarea
        label={t('rubrics.publish.note')}
        description={t('rubrics.publish.noteHint')}
        maxLength={500}
        autosize
        minRows={2}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
        data-autofocus
        data-testid="publish-note"
      />
      {publish.error && (
        <Alert color="red" data-testid="publish-error">
          {publish.error.message}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('rubrics.cancel')}
        </Button>
        <Button onClick={() => publish.mutate()} loading={publish.isPending} data-testid="publish-confirm">
          {t('rubrics.publish.confirm', { version: next })}
        </Button>
      </Group>
    </Stack>
  );
}
