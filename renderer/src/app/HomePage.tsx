import { Loader } from '@mantine/core';
import { Navigate } from 'react-router';
import { homeFor } from './sections';
import { LibraryPage } from '../features/library/LibraryPage';
import { useProfiles } from '../features/profiles/useProfiles';

/** `/`: the library, except for a mystery shopper, whose work starts in the Mystery shops area. */
export function HomePage() {
  const { data, isPending } = useProfiles();
  if (isPending) return <Loader size="sm" />;
  const role = data?.profiles.find((profile) => profile.id === data.currentId)?.role;
  const home = homeFor(role);
  return home === '/' ? <LibraryPage /> : <Navigate to={home} replace />;
}
