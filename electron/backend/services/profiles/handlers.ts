import type { profileMethods } from '../../../../shared/api/methods/profiles';
import type { BackendContext, HandlersFor } from '../../context';
import { createProfile, listProfiles, selectProfile, updateProfile } from './profiles';

export function profileHandlers({ db }: BackendContext): HandlersFor<keyof typeof profileMethods> {
  return {
    'profile.list': () => listProfiles(db),
    'profile.create': ({ name, role }) => createProfile(db, name, role),
    'profile.update': (changes) => updateProfile(db, changes),
    'profile.select': ({ id }) => selectProfile(db, id),
  };
}
