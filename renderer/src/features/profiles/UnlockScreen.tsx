import { Avatar, Button, Center, Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewerProfile } from '../../../../shared/api/methods/profiles';
import { LockIcon } from './icons';
import { initials } from './initials';
import { ProfileDialog } from './ProfileDialog';
import { UnlockForm } from './UnlockForm';
import { useProfileActions, useProfiles } from './useProfiles';

/**
 * In place of the work while the current profile is locked (by "Lock now", the idle timer, or a restart):
 * its passphrase, or another profile. Nothing of the locked profile's work shows until it is unlocked.
 */
export function UnlockScreen({ profile }: { profile: ReviewerProfile }) {
  const { t } = useTranslation();
  const { data } = useProfiles();
  const { select } = useProfileActions();
  // Switching to another profile that has a passphrase asks for that one instead.
  const [target, setTarget] = useState<ReviewerProfile>(profile);
  const [creating, setCreating] = useState(false);
  const others = (data?.profiles ?? []).filter((other) => other.id !== target.id);

  const switchTo = (other: ReviewerProfile) => {
    if (other.hasPassphrase) setTarget(other);
    else select.mutate({ id: other.id });
  };

  return (
    <Center py="xl" data-testid="unlock-screen" data-profile={profile.name}>
      <Paper withBorder shadow="sm" p="lg" radius="md" w={440}>
        <Stack gap="md">
          <Group gap="sm" wrap="nowrap">
            <Avatar color="indigo" radius="xl">
              <LockIcon size={18} />
            </Avatar>
            <Stack gap={0}>
              <Title order={3}>{t('profiles.unlock.title', { name: target.name })}</Title>
              <Text size="sm" c="dimmed">
                {t(`profiles.roles.${target.role}`)}
              </Text>
            </Stack>
          </Group>
          <UnlockForm
            key={target.id}
            profile={target}
            onCancel={target.id !== profile.id ? () => setTarget(profile) : undefined}
          />
          <Divider label={t('profiles.unlock.orSwitch')} labelPosition="center" />
          <Group gap="xs">
            {others.map((other) => (
              <Button
                key={other.id}
                variant="default"
                size="xs"
                leftSection={
                  <Avatar size={18} radius="xl" color="gray">
                    {initials(other.name)}
                  </Avatar>
                }
                rightSection={other.hasPassphrase ? <LockIcon size={12} /> : null}
                onClick={() => switchTo(other)}
                loading={select.isPending && select.variables?.id === other.id}
                data-testid="unlock-switch-profile"
                data-profile={other.name}
              >
                {other.name}
              </Button>
            ))}
            <Button
              variant="subtle"
              size="xs"
              onClick={() => setCreating(true)}
              data-testid="unlock-new-profile"
            >
              {t('profiles.new')}
            </Button>
          </Group>
          {select.error && (
            <Text size="sm" c="red">
              {select.error.message}
            </Text>
          )}
        </Stack>
      </Paper>
      <ProfileDialog opened={creating} onClose={() => setCreating(false)} />
    </Center>
  );
}
