import { Alert, Anchor, Button, Group, Input, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { useImportProgress } from '../../import/useImportProgress';
import type { EvidenceRecording } from './shop-form';

/** The recording of an interaction, as evidence; an interaction without one (a chat) cannot be. */
async function recordingOf(interactionId: number): Promise<EvidenceRecording | null> {
  const detail = await api.interaction.get({ id: interactionId });
  return detail.recording ? { recordingId: detail.recording.id, interactionId, title: detail.title } : null;
}

/**
 * The shop's recording: imported on the spot from a path on this computer (through the library's own
 * import, so it is converted, given peaks and listed like any call), or picked from the library.
 */
export function RecordingEvidence({
  value,
  onChange,
}: {
  value: EvidenceRecording | null;
  onChange: (recording: EvidenceRecording | null) => void;
}) {
  const { t } = useTranslation();
  const [path, setPath] = useState('');
  const [batchId, setBatchId] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const progress = useImportProgress(batchId);
  const importing = batchId !== null && progress?.state !== 'done' && progress?.state !== 'failed';
  const calls = useQuery({
    queryKey: ['library', 'mystery-evidence'],
    queryFn: () => api.library.list({ filters: { kind: 'call' }, limit: 500 }),
  });

  useEffect(() => {
    if (batchId === null || !progress || (progress.state !== 'done' && progress.state !== 'failed')) return;
    let current = true;
    void (async () => {
      const status = await api.import.status({ batchId });
      const outcome = status.outcomes[0];
      const interactionId = outcome?.interactionIds[0];
      const recording = interactionId === undefined ? null : await recordingOf(interactionId);
      if (!current) return;
      setBatchId(null);
      if (recording) {
        onChange(recording);
        setPath('');
      } else {
        setProblem(
          outcome?.outcome === 'skipped'
            ? t('mysteryEntry.recording.alreadyThere', { message: outcome.message ?? '' })
            : t('mysteryEntry.recording.importFailed', {
                message: outcome?.message ?? status.message ?? '',
              }),
        );
      }
    })().catch((error: unknown) => {
      if (!current) return;
      setBatchId(null);
      setProblem((error as Error).message);
    });
    return () => {
      current = false;
    };
    // Once per finished batch; onChange is the parent's and changes with every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [batchId, progress?.state]);

  const startImport = async () => {
    setProblem(null);
    if (path.trim() === '') {
      setProblem(t('mysteryEntry.recording.pathMissing'));
      return;
    }
    try {
      setBatchId((await api.import.start({ paths: [path.trim()] })).batchId);
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  const pick = async (id: string | null) => {
    setProblem(null);
    if (id === null) return;
    const recording = await recordingOf(Number(id)).catch(() => null);
    if (recording) onChange(recording);
    else setProblem(t('mysteryEntry.recording.noRecording'));
  };

  return (
    <Input.Wrapper label={t('mysteryEntry.recording.label')} data-testid="shop-recording">
      <Stack gap="xs" mt={4}>
        {value ? (
          <Group gap="sm" data-testid="shop-recording-chosen" data-recording-id={value.recordingId}>
            <Text size="sm" fw={600}>
              {value.title || t('mysteryEntry.recording.untitled')}
            </Text>
            {value.interactionId !== null && (
              <Anchor component={Link} to={`/interaction/${value.interactionId}`} size="sm">
                {t('mysteryEntry.recording.open')}
              </Anchor>
            )}
            <Button size="compact-sm" variant="subtle" color="gray" onClick={() => onChange(null)}>
              {t('mysteryEntry.recording.remove')}
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t('mysteryEntry.recording.none')}
          </Text>
        )}
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            label={t('mysteryEntry.recording.path')}
            placeholder={t('mysteryEntry.recording.pathPlaceholder')}
            value={path}
            onChange={(event) => setPath(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                void startImport();
              }
            }}
            data-testid="shop-recording-path"
          />
          <Button
            variant="light"
            onClick={() => void startImport()}
            loading={importing}
            data-testid="shop-recording-import"
          >
            {t('mysteryEntry.recording.import')}
          </Button>
        </Group>
        <Select
          label={t('mysteryEntry.recording.pick')}
          placeholder={t('mysteryEntry.recording.pickPlaceholder')}
          searchable
          clearable
          value={null}
          onChange={(id) => void pick(id)}
          data={(calls.data?.items ?? []).map((call) => ({
            value: String(call.id),
            label: [call.title, call.agentName, call.startedAt?.slice(0, 10)].filter(Boolean).join(' · '),
          }))}
          nothingFoundMessage={t('mysteryEntry.recording.nothingFound')}
          limit={50}
          data-testid="shop-recording-pick"
        />
        {problem && (
          <Alert color="red" data-testid="shop-recording-error">
            {problem}
          </Alert>
        )}
      </Stack>
    </Input.Wrapper>
  );
}
