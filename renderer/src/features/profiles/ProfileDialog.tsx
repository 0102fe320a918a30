import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_PROFILE_NAME_CHARS,
  workstationRoles,
  type ReviewerProfile,
  type WorkstationRole,
} from '../../../../shared/api/methods/profiles';
import { api } from '../../api/client';
import { afterProfileChange } from '../coaching/coaching-keys';
import { PROFILES_KEY } from './useProfiles';

/** Creates a profile (which becomes the current one), or renames one and changes its role. */
export function ProfileDialog({
  opened,
  onClose,
  profile,
}: {
  opened: boolean;
  onClose: () => void;
  /** The profile to edit; a new one is created when absent. */
  profile?: ReviewerProfile | null;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={profile ? t('profiles.editTitle') : t('profiles.newTitle')}
      data-testid="profile-dialog"
    >
      {/* Keyed so the fields start from the profile each time the dialog opens. */}
      {opened && <ProfileForm key={profile?.id ?? 'new'} profile={profile ?? null} onDone={onClose} />}
    </Modal>
  );
}

function ProfileForm({ profile, onDone }: { profile: ReviewerProfile | null; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(profile?.name ?? '');
  const [role, setRole] = useState<WorkstationRole>(workstationRoleOf(profile));
  const save = useMutation({
    mutationFn: () =>
      profile ? api.profile.update({ id: profile.id, name, role }) : api.profile.create({ name, role }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: PROFILES_KEY });
      // A new profile becomes the current one: what the previous one could read leaves the cache.
      if (!profile) await afterProfileChange(queryClient);
      // Names and roles show on evaluations and rubric versions too.
      await queryClient.invalidateQueries({ queryKey: ['evaluation'] });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() !== '') save.mutate();
  };

  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput
          label={t('profiles.name')}
          description={t('profiles.nameHint')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          maxLength={MAX_PROFILE_NAME_CHARS}
          required
          data-autofocus
          data-testid="profile-name"
        />
        <Select
          label={t('profiles.role')}
          data={workstationRoles.map((value) => ({ value, label: t(`profiles.roles.${value}`) }))}
          value={role}
          allowDeselect={false}
          onChange={(value) => value && setRole(value as WorkstationRole)}
          data-testid="profile-role"
        />
        {save.error && <Alert color="red">{save.error.message}</Alert>}
        <Group justify="flex-end">
          <Button
            type="submit"
            loading={save.isPending}
            disabled={name.trim() === ''}
            data-testid="profile-save"
          >
            {profile ? t('profiles.save') : t('profiles.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The role the dialog starts with: the profile's own, or QA supervisor for a new one (or a team-only role). */
function workstationRoleOf(profile: ReviewerProfile | null | undefined): WorkstationRole {
  const role = profile?.role;
  return (workstationRoles as readonly string[]).includes(role ?? '')
    ? (role as WorkstationRole)
    : 'qa_supervisor';
}
