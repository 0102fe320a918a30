import type { MethodName } from '../api';
import { coaches, readers } from './groups';
import type { Permission } from './roles';

/**
 * Agents, one-to-ones and wow reels. Team leads coach (the agents of their teams: a row rule), QA
 * managers and administrators may too; QA supervisors read the agent pages and sessions they score
 * for. An agent sees their own agent page only; never coaching sessions or notes. Private notes stay
 * readable by their author alone whatever the role (coaching/notes.ts).
 */
export const coachingPermissions = {
  'agent.list': { roles: [...readers, 'agent'], action: 'see the agents' },
  'agent.overview': { roles: [...readers, 'agent'], action: 'see agent pages' },
  'coaching.list': { roles: readers, action: 'see coaching sessions' },
  'coaching.get': { roles: readers, action: 'see coaching sessions' },
  'coaching.openActions': { roles: readers, action: 'see coaching actions' },
  'coaching.notes': { roles: readers, action: 'see coaching notes' },
  'coaching.noteGet': { roles: readers, action: 'see coaching notes' },
  'coaching.create': { roles: coaches, action: 'start coaching sessions' },
  'coaching.update': { roles: coaches, action: 'change coaching sessions' },
  'coaching.close': { roles: coaches, action: 'close coaching sessions' },
  'coaching.reopen': { roles: coaches, action: 'reopen coaching sessions' },
  'coaching.actionAdd': { roles: coaches, action: 'change coaching actions' },
  'coaching.actionUpdate': { roles: coaches, action: 'change coaching actions' },
  'coaching.actionDelete': { roles: coaches, action: 'change coaching actions' },
  'coaching.noteAdd': { roles: coaches, action: 'write coaching notes' },
  'coaching.noteUpdate': { roles: coaches, action: 'write coaching notes' },
  'coaching.noteDelete': { roles: coaches, action: 'write coaching notes' },
  'reel.candidates': { roles: readers, action: 'see wow reels' },
  'reel.list': { roles: readers, action: 'see wow reels' },
  'reel.get': { roles: readers, action: 'see wow reels' },
  'reel.create': { roles: readers, action: 'make wow reels' },
  'reel.update': { roles: readers, action: 'change wow reels' },
  'reel.delete': { roles: readers, action: 'delete wow reels' },
} as const satisfies Partial<Record<MethodName, Permission>>;
