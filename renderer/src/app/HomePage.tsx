import { Loader } from '@mantine/core';
import { Navigate } from 'react-router';
import { homeFor } from './sections';
import { LibraryPage } from '../features/library/LibraryPage';
import { useSessionAccount } from '../features/account/account-context';
import { useCurrentReviewer, useProfiles } from '../features/profiles/useProfiles';

/**
 * `/`: the library, except for a mystery shopper, whose work starts in the Mystery shops area, and an
 * agent account, whose work is their own page.
 */
export function HomePage() {
  const { isPending } = useProfiles();
  const account = useSessionAccount();
  const reviewer = useCurrentReviewer();
  if (isPending && !account) return <Loader size="sm" />;
  const home = homeFor({ role: reviewer?.role, agentId: account?.agent?.id ?? null, team: account !== null });
  return home === '/' ? <LibraryPage /> : <Navigate to={home} replace />;
}
