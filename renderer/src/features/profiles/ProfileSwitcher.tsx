import { Avatar, Button, Group, Menu, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewerProfile } from '../../../../shared/api/methods/profiles';
import { LockIcon } from './icons';
import { initials } from './initials';
import { PassphraseDialog } from './PassphraseDialog';
import { ProfileDialog } from './ProfileDialog';
import { UnlockDialog } from './UnlockDialog';
import { useProfileActions, useProfiles } from './useProfiles';

/**
 * In the header: who is working now, switching to another profile (asking for its passphrase when it
 * has one), adding one, and locking the current one with a passphrase.
 */
export function ProfileSwitcher() {
  const { t } = useTranslation();
  const { data } = useProfiles();
  const { select, lock } = useProfileActions();
  const [dialog, setDialog] = useState<{ profile: ReviewerProfile | null } | null>(null);
  const [unlocking, setUnlocking] = useState<ReviewerProfile | null>(null);
  const [passphrase, setPassphrase] = useState(false);
  const current = data?.profiles.find((profile) => profile.id === data.currentId) ?? null;
  const locked = data?.currentLocked ?? false;

  const choose = (profile: ReviewerProfile) => {
    const isCurrent = profile.id === current?.id;
    if (isCurrent && !locked) return;
    if (profile.hasPassphrase) setUnlocking(profile);
    else select.mutate({ id: profile.id });
  };

  return (
    <>
      <Menu position="bottom-end" width={280} withinPortal>
        <Menu.Target>
          <Button
            variant="subtle"
            color="gray"
            px="xs"
            data-testid="profile-switcher"
            data-profile={current?.name ?? ''}
            data-locked={locked}
            aria-label={t('profiles.switcher')}
          >
            <Group gap="xs" wrap="nowrap">
              <Avatar size="sm" color={locked ? 'gray' : 'indigo'} radius="xl">
                {locked ? <LockIcon size={14} /> : current ? initials(current.name) : '?'}
              </Avatar>
              <Stack gap={0} align="flex-start">
                <Text size="sm" fw={600} lh={1.2}>
                  {current?.name ?? t('profiles.none')}
                </Text>
                {current && (
                  <Text size="xs" c="dimmed" lh={1.2}>
                    {locked ? t('profiles.lockedState') : t(`profiles.roles.${current.role}`)}
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
              onClick={() => choose(profile)}
              leftSection={
                <Avatar size="xs" radius="xl" color={profile.id === current?.id ? 'indigo' : 'gray'}>
                  {initials(profile.name)}
                </Avatar>
              }
              rightSection={
                <Group gap={4} wrap="nowrap">
                  <Text size="xs" c="dimmed">
                    {t(`profiles.roles.${profile.role}`)}
                  </Text>
                  {profile.hasPassphrase && <LockIcon size={12} title={t('profiles.hasPassphrase')} />}
                </Group>
              }
              aria-current={profile.id === current?.id}
              data-testid="profile-option"
              data-profile={profile.name}
            >
              {profile.name}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item onClick={() => setDialog({ profile: null })} data-testid="profile-new">
            {t('profiles.new')}
          </Menu.Item>
          {current && !locked && (
            <>
              <Menu.Item onClick={() => setDialog({ profile: current })} data-testid="profile-edit">
                {t('profiles.edit')}
              </Menu.Item>
              <Menu.Item onClick={() => setPassphrase(true)} data-testid="profile-set-passphrase">
                {current.hasPassphrase
                  ? t('profiles.passphrase.changeMenu')
                  : t('profiles.passphrase.setMenu')}
              </Menu.Item>
              {current.hasPassphrase && (
                <Menu.Item
                  onClick={() => lock.mutate()}
                  leftSection={<LockIcon size={14} />}
                  data-testid="profile-lock"
                >
                  {t('profiles.lockNow')}
                </Menu.Item>
              )}
            </>
          )}
          {current && locked && (
            <Menu.Item
              onClick={() => setUnlocking(current)}
              leftSection={<LockIcon size={14} />}
              data-testid="profile-unlock"
            >
              {t('profiles.unlock.menu', { name: current.name })}
            </Menu.Item>
          )}
          {data?.keyProtection.warning && (
            <Text size="xs" c="red" px="sm" py={6} maw={280} data-testid="profile-key-warning">
              {t(`profiles.keyWarning.short`)}
            </Text>
          )}
          {(select.error ?? lock.error) && (
            <Text size="xs" c="red" px="sm" py={6}>
              {(select.error ?? lock.error)!.message}
            </Text>
          )}
        </Menu.Dropdown>
      </Menu>
      <ProfileDialog opened={dialog !== null} profile={dialog?.profile} onClose={() => setDialog(null)} />
      <UnlockDialog profile={unlocking} onClose={() => setUnlocking(null)} />
      <PassphraseDialog opened={passphrase} profile={current} onClose={() => setPassphrase(false)} />
    </>
  );
}
