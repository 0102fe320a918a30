import { Alert, Button, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewerProfile } from '../../../../shared/api/methods/profiles';
import { ProfileDialog } from './ProfileDialog';
import { UnlockScreen } from './UnlockScreen';
import { useCurrentLocked, useCurrentReviewer, useProfiles } from './useProfiles';

/**
 * Work that is recorded under a reviewer's name (scoring, publishing, coaching) needs a current profile.
 * Until there is one, this says so and offers to create it, in place of the work. While the current
 * profile is locked, its passphrase is asked for instead (or another profile can be chosen).
 */
export function RequireProfile({ children }: { children: (reviewer: ReviewerProfile) => ReactNode }) {
  const { t } = useTranslation();
  const profiles = useProfiles();
  const reviewer = useCurrentReviewer();
  const locked = useCurrentLocked();
  const [creating, setCreating] = useState(false);
  if (profiles.isPending && !reviewer) return null;
  if (reviewer && locked) return <UnlockScreen profile={reviewer} />;
  if (reviewer) return children(reviewer);
  return (
    <Alert color="indigo" title={t('profiles.requiredTitle')} data-testid="profile-required">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('profiles.requiredBody')}</Text>
        <Button size="xs" onClick={() => setCreating(true)} data-testid="profile-required-create">
          {t('profiles.new')}
        </Button>
      </Stack>
      <ProfileDialog opened={creating} onClose={() => setCreating(false)} />
    </Alert>
  );
}
