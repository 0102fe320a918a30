import type { MethodName } from '../api';
import { everyone } from './groups';
import type { Permission } from './roles';

/**
 * What everyone needs to run the app: who they are, the settings, their keyboard. Settings and
 * shortcuts are stored once per database, so on a team server they are shared by everyone (per-person
 * settings are not built yet). Profiles are a workstation's people; a team server closes those methods
 * before this table is asked (modes.ts).
 */
export const appPermissions = {
  'app.info': { roles: everyone, action: 'see which Earmark this is' },
  'settings.get': { roles: everyone, action: 'see the settings' },
  'settings.update': { roles: everyone, action: 'change the settings' },
  'demo.status': { roles: everyone, action: 'see whether the demo is loaded' },
  'demo.load': { roles: ['admin'], action: 'load the demo data' },
  'demo.decline': { roles: ['admin'], action: 'decline the demo data' },
  'shortcuts.get': { roles: everyone, action: 'see the keyboard shortcuts' },
  'shortcuts.update': { roles: everyone, action: 'change the keyboard shortcuts' },
  'shortcuts.reset': { roles: everyone, action: 'reset the keyboard shortcuts' },
  'profile.list': { roles: everyone, action: 'see the reviewer profiles' },
  'profile.create': { roles: everyone, action: 'create reviewer profiles' },
  'profile.update': { roles: everyone, action: 'change reviewer profiles' },
  'profile.select': { roles: everyone, action: 'choose a reviewer profile' },
  'profile.lock': { roles: everyone, action: 'lock the reviewer profile' },
  'profile.setPassphrase': { roles: everyone, action: 'set a passphrase' },
  'session.login': { roles: everyone, action: 'log in' },
  'session.logout': { roles: everyone, action: 'log out' },
  'session.me': { roles: everyone, action: 'see who is logged in' },
  'session.changePassword': { roles: everyone, action: 'change their password' },
} as const satisfies Partial<Record<MethodName, Permission>>;
