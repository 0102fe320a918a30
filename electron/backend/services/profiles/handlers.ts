import type { profileMethods } from '../../../../shared/api/methods/profiles';
import type { BackendContext, HandlersFor } from '../../context';
import type { WorkstationSession } from '../../privacy/session';
import { createProfile, listProfiles, updateProfile } from './profiles';

/** The session is passed on its own: select, lock and passphrases are its business, not other services'. */
export function profileHandlers(
  { database }: BackendContext,
  session: WorkstationSession,
): HandlersFor<keyof typeof profileMethods> {
  const list = () => listProfiles(database.query, session);
  return {
    'profile.list': list,
    'profile.create': ({ name, role }) => createProfile(database, session, name, role),
    'profile.update': (changes, { actorId }) => updateProfile(database, actorId, changes),
    'profile.select': async ({ id, passphrase }) => {
      await session.select(id, passphrase);
      return list();
    },
    'profile.lock': async () => {
      await session.lock();
      return list();
    },
    'profile.setPassphrase': async ({ id, currentPassphrase, newPassphrase }) => {
      await session.setPassphrase(id, currentPassphrase, newPassphrase);
      return list();
    },
  };
}
