import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AudioDamage } from '../../../../../shared/api';
import { damageFigures } from '../../../app/format';

/**
 * Under the player of a recording that was damaged when it was imported: how much, and what that means
 * for listening (MP3: the damaged stretch was left out; Ogg: it may sound garbled or be missing).
 */
export function DamageNotice({ damage }: { damage: AudioDamage }) {
  const { t, i18n } = useTranslation();
  return (
    <Alert color="yellow" variant="light" p="xs" data-testid="damage-notice" data-unit={damage.unit}>
      {t(`review.damage.${damage.unit}`, damageFigures(damage, i18n.language))}
    </Alert>
  );
}
