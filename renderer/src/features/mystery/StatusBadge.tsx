import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MysteryStatus } from '../../../../shared/api/methods/mystery';

/** A queried shop waits for the entry person: it stands out; a confirmed one is settled. */
const statusColor: Record<MysteryStatus, string> = {
  draft: 'gray',
  submitted: 'indigo',
  queried: 'orange',
  confirmed: 'teal',
};

export function StatusBadge({ status }: { status: MysteryStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={statusColor[status]} data-testid="mystery-status" data-status={status}>
      {t(`mystery.status.${status}`)}
    </Badge>
  );
}
