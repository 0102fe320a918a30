import { Avatar, Button, Group, Menu, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewerProfile } from '../../../../shared/api/methods/profiles';
import { api } from '../../api/client';
import { ProfileDialog } from './ProfileDialog';
import { PROFILES_KEY, useProfiles } from './useProfiles';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');

/** In the header: who is working now, switching to another profile, and adding one. */
export function ProfileSwitcher() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data } = useProfiles();
  const [dialog, setDialog] = useState<{ profile: ReviewerProfile | null } | null>(null);
  const select = useMutation({
    mutationFn: (id: number) => api.profile.select({ id }),
    onSuccess: (list) => queryClient.setQueryData(PROFILES_KEY, list),
  });
  const current = data?.profiles.find((profile) => profile.id === data.currentId) ?? null;

  return (
    <>
      <Menu position="bottom-end" width={260} withinPortal>
        <Menu.Target>
          <Button
            variant="subtle"
            color="gray"
            px="xs"
            data-testid="profile-switcher"
            data-profile={current?.name ?? ''}
            aria-label={t('profiles.switcher')}
          >
            <Group gap="xs" wrap="nowrap">
              <Avatar size="sm" color="indigo" radius="xl">
                {current ? initials(current.name) : '?'}
              </Avatar>
              <Stack gap={0} align="flex-start">
                <Text size="sm" fw={600} lh={1.2}>
                  {current?.name ?? t('profiles.none')}
                </Text>
                {current && (
                  <Text size="xs" c="dimmed" lh={1.2}>
                    {t(`profiles.roles.${current.role}`)}
                  </Text>
                )}
              </Stack>
            </Group>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {(data?.profiles.length ?? 0) > 0 && <Menu.Label>{t('profiles.switchTo')}</Menu.Label>}
          {data?.profiles.map((profile) => (
            <Menu.Item
              key={profile.id}
              onClick={() => select.mutate(profile.id)}
              leftSection={
                <Avatar size="xs" radius="xl" color={profile.id === current?.id ? 'indigo' : 'gray'}>
                  {initials(profile.name)}
                </Avatar>
              }
              rightSection={
                <Text size="xs" c="dimmed">
                  {t(`profiles.roles.${profile.role}`)}
                </Text>
              }
              aria-current={profile.id === current?.id}
              data-testid="profile-option"
            >
              {profile.name}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item onClick={() => setDialog({ profile: null })} data-testid="profile-new">
            {t('profiles.new')}
          </Menu.Item>
          {current && (
            <Menu.Item onClick={() => setDialog({ profile: current })} data-testid="profile-edit">
              {t('profiles.edit')}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      <ProfileDialog opened={dialog !== null} profile={dialog?.profile} onClose={() => setDialog(null)} />
    </>
  );
}
