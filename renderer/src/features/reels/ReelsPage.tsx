import { Alert, Grid, Loader, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { Reel } from '../../../../shared/api/methods/reels';
import { MAX_REEL_MOMENTS } from '../../../../shared/api/methods/reels';
import { api } from '../../api/client';
import { CandidateList } from './CandidateList';
import {
  addMoment,
  filtersFromSearch,
  hasChanges,
  moveMoment,
  reelPayload,
  removeMoment,
  searchFromFilters,
  type ReelDraft,
} from './reel-edit';
import { ReelBuilder } from './ReelBuilder';
import { ReelPlayer } from './ReelPlayer';
import { SavedReels } from './SavedReels';

/**
 * `/reels` and `/reels/:id`: the wow reel. Exemplary moments on the left, the reel being built on the
 * right (saved reels below it), and play mode for the team meeting.
 */
export function ReelsPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id) || null;
  const reel = useQuery({
    queryKey: ['reels', 'get', id],
    queryFn: () => api.reel.get({ id: id! }),
    enabled: id !== null,
  });
  return (
    <Stack gap="md" data-testid="reels" data-state={id !== null && reel.isPending ? 'loading' : 'ready'}>
      <Stack gap={0}>
        <Title order={2}>{t('reels.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('reels.intro')}
        </Text>
      </Stack>
      {id !== null && reel.isPending ? (
        <Loader />
      ) : id !== null && reel.isError ? (
        <Alert color="red">{t('errors.generic', { message: reel.error.message })}</Alert>
      ) : (
        // Keyed by the reel: opening another reel (or a new one) starts from what is saved.
        <ReelWorkspace key={id ?? 'new'} reel={reel.data ?? null} />
      )}
    </Stack>
  );
}

const EMPTY: ReelDraft = { title: '', moments: [] };

function ReelWorkspace({ reel }: { reel: Reel | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromSearch(search);
  const saved: ReelDraft = reel ? { title: reel.title, moments: reel.moments } : EMPTY;
  const [draft, setDraft] = useState<ReelDraft>(saved);
  const [playing, setPlaying] = useState(false);
  const changed = hasChanges(saved, draft);

  const save = useMutation({
    mutationFn: () =>
      reel ? api.reel.update({ id: reel.id, ...reelPayload(draft) }) : api.reel.create(reelPayload(draft)),
    onSuccess: async (result) => {
      queryClient.setQueryData(['reels', 'get', result.id], result);
      await queryClient.invalidateQueries({ queryKey: ['reels', 'list'] });
      if (!reel) void navigate(`/reels/${result.id}`, { replace: true });
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => api.reel.delete({ id }),
    onSuccess: async ({ id }) => {
      await queryClient.invalidateQueries({ queryKey: ['reels', 'list'] });
      queryClient.removeQueries({ queryKey: ['reels', 'get', id] });
      if (reel?.id === id) void navigate('/reels');
    },
  });
  const inReel = new Set(draft.moments.map((moment) => moment.id));
  const error = save.error?.message ?? remove.error?.message ?? null;

  return (
    <>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <CandidateList
            filters={filters}
            onFilters={(next) => setSearch(searchFromFilters(next), { replace: true })}
            inReel={inReel}
            full={draft.moments.length >= MAX_REEL_MOMENTS}
            onAdd={(moment) => setDraft((d) => ({ ...d, moments: addMoment(d.moments, moment) }))}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          {/* The reel stays in view while the list of candidates scrolls past. */}
          <Stack gap="md" style={{ position: 'sticky', top: 'calc(var(--app-shell-header-height) + 16px)' }}>
            <ReelBuilder
              draft={draft}
              saved={reel !== null}
              changed={changed}
              saving={save.isPending}
              error={error && t('errors.generic', { message: error })}
              onTitle={(title) => setDraft((d) => ({ ...d, title }))}
              onMove={(index, direction) =>
                setDraft((d) => ({ ...d, moments: moveMoment(d.moments, index, direction) }))
              }
              onRemove={(id) => setDraft((d) => ({ ...d, moments: removeMoment(d.moments, id) }))}
              onSave={() => save.mutate()}
              onPlay={() => setPlaying(true)}
              onNew={() => void navigate('/reels')}
            />
            <SavedReels currentId={reel?.id ?? null} onDelete={(id) => remove.mutate(id)} />
          </Stack>
        </Grid.Col>
      </Grid>
      <ReelPlayer
        title={draft.title}
        moments={draft.moments}
        opened={playing}
        onClose={() => setPlaying(false)}
      />
    </>
  );
}
