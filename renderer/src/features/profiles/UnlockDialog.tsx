import { Modal } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReviewerProfile } from '../../../../shared/api/methods/profiles';
import { UnlockForm } from './UnlockForm';

/** Switching to (or back to) a profile that has a passphrase: asks for it first. */
export function UnlockDialog({ profile, onClose }: { profile: ReviewerProfile | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={profile !== null}
      onClose={onClose}
      title={profile ? t('profiles.unlock.title', { name: profile.name }) : ''}
      data-testid="unlock-dialog"
    >
      {profile && <UnlockForm key={profile.id} profile={profile} onUnlocked={onClose} onCancel={onClose} />}
    </Modal>
  );
}
