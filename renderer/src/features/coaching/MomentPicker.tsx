import { Alert, Badge, Button, Checkbox, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_LINKED_MOMENTS, type CoachingSession } from '../../../../shared/api/methods/coaching';
import type { Tag } from '../../../../shared/api/methods/review';
import { formatDateTime } from '../../app/format';
import { MomentTags } from '../agents/MomentTags';
import { momentPlace } from '../agents/where';
import { ClipPlayer } from '../clips/ClipPlayer';
import { PlayIcon } from '../review/icons';
import { useTags } from '../review/moments/useTags';
import { withAddedMoments, type MomentCandidate } from './moment-candidates';
import { useMomentCandidates } from './useMomentCandidates';

/**
 * The agent's moments that are not in the session yet, to tick and add: first those on the linked
 * evaluations' calls and chats, then the agent's other tagged moments. Each can be heard (or read)
 * before it is added.
 */
export function MomentPicker({
  session,
  saving,
  saveError,
  onSave,
}: {
  session: CoachingSession;
  saving: boolean;
  /** Why adding failed, shown here since the page behind the dialog is out of sight. */
  saveError: string | null;
  onSave: (momentIds: number[]) => void;
}) {
  const { t } = useTranslation();
  const { groups, isPending, error } = useMomentCandidates(session);
  const tags = useTags().byId;
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  // One preview at a time: opening another closes (and so stops) the one before.
  const [previewing, setPreviewing] = useState<number | null>(null);
  const room = MAX_LINKED_MOMENTS - session.moments.length;
  const full = picked.size >= room;
  const toggle = (id: number) =>
    setPicked((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  if (error) return <Alert color="red">{t('errors.generic', { message: error.message })}</Alert>;
  if (isPending) return <Loader size="sm" />;
  const listed = [...groups.onEvaluations, ...groups.tagged];
  const row = (moment: MomentCandidate) => (
    <CandidateRow
      key={moment.id}
      moment={moment}
      tags={tags}
      checked={picked.has(moment.id)}
      disabled={full && !picked.has(moment.id)}
      onToggle={() => toggle(moment.id)}
      previewing={previewing === moment.id}
      onPreview={() => setPreviewing((current) => (current === moment.id ? null : moment.id))}
    />
  );

  return (
    <Stack gap="md" data-testid="moment-picker">
      {listed.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="moment-picker-empty">
          {t('coaching.moments.noCandidates', { agent: session.agent.name })}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('coaching.moments.pickIntro')}
          </Text>
          {groups.onEvaluations.length > 0 && (
            <CandidateGroup title={t('coaching.moments.fromEvaluations')}>
              {groups.onEvaluations.map(row)}
            </CandidateGroup>
          )}
          {groups.tagged.length > 0 && (
            <CandidateGroup title={t('coaching.moments.tagged', { agent: session.agent.name })}>
              {groups.tagged.map(row)}
            </CandidateGroup>
          )}
        </>
      )}
      {saveError && <Alert color="red">{t('errors.generic', { message: saveError })}</Alert>}
      <Group
        justify="space-between"
        pt="sm"
        style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
        // The button stays in reach however long the list is.
        pos="sticky"
        bottom={0}
        bg="var(--mantine-color-body)"
      >
        <Text size="sm" c={full ? 'orange' : 'dimmed'}>
          {full
            ? t('coaching.moments.full', { max: MAX_LINKED_MOMENTS })
            : t('coaching.moments.selected', { count: picked.size })}
        </Text>
        <Button
          onClick={() =>
            onSave(
              withAddedMoments(
                session.moments.map((m) => m.id),
                picked,
                listed,
              ),
            )
          }
          disabled={picked.size === 0}
          loading={saving}
          data-testid="moments-add-save"
        >
          {picked.size === 0
            ? t('coaching.moments.addNone')
            : t('coaching.moments.addPicked', { count: picked.size })}
        </Button>
      </Group>
    </Stack>
  );
}

function CandidateGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs">
      <Title order={5}>{title}</Title>
      {children}
    </Stack>
  );
}

function CandidateRow({
  moment,
  tags,
  checked,
  disabled,
  onToggle,
  previewing,
  onPreview,
}: {
  moment: MomentCandidate;
  tags: ReadonlyMap<number, Tag>;
  checked: boolean;
  disabled: boolean;
  onToggle: () => void;
  previewing: boolean;
  onPreview: () => void;
}) {
  const { t, i18n } = useTranslation();
  const where = [momentPlace(t, moment), formatDateTime(moment.interactionStartedAt, i18n.language)]
    .filter(Boolean)
    .join(' · ');
  return (
    <Paper
      withBorder
      p="xs"
      bg={checked ? 'var(--mantine-color-indigo-0)' : undefined}
      data-testid="moment-candidate"
      data-moment-id={moment.id}
      data-checked={checked}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <Checkbox
          checked={checked}
          disabled={disabled}
          onChange={onToggle}
          label={
            <Group gap={6} wrap="wrap" component="span">
              <Text span size="sm" fw={600}>
                {moment.interactionTitle}
              </Text>
              <Badge size="xs" variant="outline" color="gray">
                {t(`library.kind.${moment.interactionKind}`)}
              </Badge>
              <Text span size="xs" c="dimmed">
                {where}
              </Text>
            </Group>
          }
          data-testid="moment-candidate-check"
        />
        <Button
          variant={previewing ? 'light' : 'subtle'}
          size="compact-xs"
          leftSection={previewing ? undefined : <PlayIcon size={12} />}
          onClick={onPreview}
          style={{ flexShrink: 0 }}
          data-testid="moment-candidate-preview"
        >
          {previewing ? t('coaching.moments.hidePreview') : t('coaching.moments.preview')}
        </Button>
      </Group>
      {/* Under the label, clear of the checkbox. */}
      <Stack gap={4} pl={32} mt={4}>
        <MomentTags tagIds={moment.tagIds} tags={tags} />
        <Text
          size="sm"
          c={moment.comment ? undefined : 'dimmed'}
          style={{ whiteSpace: 'pre-wrap' }}
          lineClamp={3}
        >
          {moment.comment || t('agents.moments.noComment')}
        </Text>
        {moment.authorName && (
          <Text size="xs" c="dimmed">
            {t('agents.moments.by', { name: moment.authorName })}
          </Text>
        )}
        {previewing && <ClipPlayer moment={moment} autoPlay />}
      </Stack>
    </Paper>
  );
}
