import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileButton,
  Group,
  List,
  Loader,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { draftFromRubric } from '../../../../shared/api/methods/rubric-draft';
import type { RubricDetail } from '../../../../shared/api/methods/rubrics';
import { SaveStateLabel } from '../../app/autosave/SaveStateLabel';
import { ConfirmDialog } from '../../app/ConfirmDialog';
import { api } from '../../api/client';
import { CsvExportButton } from '../evaluation/CsvExportButton';
import { RequireProfile } from '../profiles/RequireProfile';
import { placeOf, problemsByPlace, itemPlaceKey } from './problems';
import { PublishDialog } from './PublishDialog';
import { RescorePreview } from './RescorePreview';
import { RubricFields } from './RubricFields';
import { downloadRubric, readRubricFile } from './rubric-json';
import { SectionEditor } from './SectionEditor';
import { useRubricEditor } from './useRubricEditor';
import { EditConflictDialog } from '../../app/conflict/EditConflictDialog';
import { VersionHistory } from './VersionHistory';

export function RubricEditorPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const rubric = useQuery({
    queryKey: ['rubric', id],
    queryFn: () => api.rubric.get({ id }),
    enabled: Number.isInteger(id) && id > 0,
    // The editor owns its working copy from the moment it opens: no refetch underneath it, and
    // nothing cached after it closes, so the next visit starts from the saved draft.
    staleTime: Infinity,
    gcTime: 0,
  });
  if (rubric.isPending) return <Loader />;
  if (rubric.isError)
    return <Alert color="red">{t('errors.generic', { message: rubric.error.message })}</Alert>;
  // Every edit is saved in someone's name, so the editor needs a chosen, unlocked profile first.
  return <RequireProfile>{() => <RubricEditor key={id} rubric={rubric.data} />}</RequireProfile>;
}

function RubricEditor({ rubric }: { rubric: RubricDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const editor = useRubricEditor(rubric);
  const { draft, check } = editor;
  const [dialog, setDialog] = useState<'publish' | 'rescore' | 'discard' | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const problems = check.ok ? [] : check.problems;
  const byPlace = problemsByPlace(problems);

  const importFile = async (file: File | null) => {
    if (!file) return;
    setImportError(null);
    try {
      await editor.replace(draftFromRubric(await readRubricFile(file)));
    } catch (error) {
      setImportError((error as Error).message);
    }
  };
  const onPublished = (published: RubricDetail) => {
    queryClient.setQueryData(['rubric', rubric.id], published);
    void queryClient.invalidateQueries({ queryKey: ['rubrics'] });
    if (published.latest) void editor.replace(draftFromRubric(published.latest), published);
    setDialog(null);
  };
  // Unsent edits are dropped and a save on its way lands first, so nothing is written over the
  // published version the draft goes back to.
  const discard = async () => {
    await editor.dropUnsaved();
    const detail = await api.rubric.discardDraft({ id: rubric.id });
    queryClient.setQueryData(['rubric', rubric.id], detail);
    if (detail.latest) await editor.replace(draftFromRubric(detail.latest), detail);
    setDialog(null);
  };

  return (
    <Stack gap="md" maw={1100} data-testid="rubric-editor" data-state="ready" data-rubric-id={rubric.id}>
      <Anchor component={Link} to="/rubrics" size="sm">
        ← {t('rubrics.backToList')}
      </Anchor>
      <Stack gap="xs">
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={2}>{draft.name || t('rubrics.untitled')}</Title>
            {rubric.latestVersion ? (
              <Badge variant="light" data-testid="rubric-version">
                {t('rubrics.versionLabel', { version: rubric.latestVersion.version })}
              </Badge>
            ) : (
              <Badge variant="light" color="gray" data-testid="rubric-version">
                {t('rubrics.neverPublished')}
              </Badge>
            )}
            {editor.changed && rubric.latestVersion && (
              <Badge variant="light" color="orange" data-testid="rubric-changed">
                {t('rubrics.unpublishedChanges')}
              </Badge>
            )}
          </Group>
          <SaveStateLabel status={editor.saveStatus} testId="rubric-save-state" />
        </Stack>
        <Group gap="xs">
          <Button
            variant="default"
            size="xs"
            onClick={() => check.ok && downloadRubric(check.rubric)}
            disabled={!check.ok}
            data-testid="rubric-export"
          >
            {t('rubrics.exportJson')}
          </Button>
          <FileButton onChange={(file) => void importFile(file)} accept="application/json,.json">
            {(props) => (
              <Button variant="default" size="xs" {...props} data-testid="rubric-import-into">
                {t('rubrics.importIntoDraft')}
              </Button>
            )}
          </FileButton>
          {rubric.latestVersion && (
            <>
              <CsvExportButton rubricId={rubric.id} size="xs" />
              <Button
                variant="default"
                size="xs"
                onClick={() => setDialog('rescore')}
                disabled={!check.ok}
                data-testid="rescore-open"
              >
                {t('rubrics.rescore.open')}
              </Button>
              <Button
                variant="subtle"
                color="gray"
                size="xs"
                onClick={() => setDialog('discard')}
                disabled={!editor.changed}
                data-testid="rubric-discard"
              >
                {t('rubrics.discard')}
              </Button>
            </>
          )}
          <Button
            size="xs"
            onClick={() => setDialog('publish')}
            disabled={!check.ok || !editor.changed}
            data-testid="publish-open"
          >
            {t('rubrics.publish.open')}
          </Button>
        </Group>
      </Stack>

      {importError && (
        <Alert
          color="red"
          title={t('rubrics.importFailed')}
          withCloseButton
          onClose={() => setImportError(null)}
          data-testid="import-error"
        >
          {importError}
        </Alert>
      )}
      {problems.length > 0 && (
        <Alert
          color="orange"
          title={t('rubrics.problems.title', { count: problems.length })}
          data-testid="rubric-problems"
        >
          <List size="sm" spacing={2}>
            {problems.slice(0, 8).map((problem, index) => (
              <List.Item key={index}>
                <Text span size="sm" fw={500}>
                  {placeOf(draft, problem, t)}:
                </Text>{' '}
                {problem.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}

      <RubricFields draft={draft} onChange={editor.update} problems={byPlace.rubric} />
      <Text size="xs" c="dimmed">
        {t('rubrics.keyboardHint')}
      </Text>
      {draft.sections.map((section, s) => (
        <SectionEditor
          key={section.id}
          section={section}
          number={s + 1}
          problems={byPlace.sections.get(s) ?? []}
          itemProblems={(i) => byPlace.items.get(itemPlaceKey(s, i)) ?? []}
          canRemove={draft.sections.length > 1}
          onChange={(changes) => editor.updateSection(s, changes)}
          onRemove={() => editor.removeSection(s)}
          onMove={(delta) => editor.moveSection(s, delta)}
          onAddItem={() => editor.addItem(s)}
          onChangeItem={(i, changes) => editor.updateItem(s, i, changes)}
          onRemoveItem={(i) => editor.removeItem(s, i)}
          onMoveItem={(i, delta) => editor.moveItem(s, i, delta)}
          onDropItem={(itemId, i) => editor.dropItem(itemId, s, i)}
        />
      ))}
      <Group>
        <Button variant="light" onClick={editor.addSection} data-testid="add-section">
          {t('rubrics.addSection')}
        </Button>
      </Group>
      <VersionHistory rubric={rubric} />
      <EditConflictDialog
        conflict={editor.conflict}
        what="draft"
        onSeeTheirs={async () => queryClient.setQueryData(['rubric', rubric.id], await editor.seeTheirs())}
        onKeepMine={editor.keepMine}
      />

      <VisuallyHidden aria-live="polite" data-testid="rubric-announcement">
        {editor.announcement}
      </VisuallyHidden>
      <PublishDialog
        opened={dialog === 'publish'}
        onClose={() => setDialog(null)}
        rubric={rubric}
        draft={draft}
        onPublished={onPublished}
      />
      {rubric.latestVersion && (
        <ConfirmDialog
          opened={dialog === 'discard'}
          title={t('rubrics.discardConfirm.title')}
          confirmLabel={t('rubrics.discardConfirm.confirm')}
          cancelLabel={t('rubrics.discardConfirm.cancel')}
          onConfirm={discard}
          onCancel={() => setDialog(null)}
          testId="rubric-discard-dialog"
        >
          {t('rubrics.discardConfirm.body', { version: rubric.latestVersion.version })}
        </ConfirmDialog>
      )}
      {check.ok && rubric.latestVersion && (
        <RescorePreview
          opened={dialog === 'rescore'}
          onClose={() => setDialog(null)}
          rubricId={rubric.id}
          draft={draft}
        />
      )}
    </Stack>
  );
}
