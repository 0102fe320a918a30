import type { MethodName } from '../api';
import { evidence, importers, qa, readers } from './groups';
import type { Permission } from './roles';

/**
 * The library, its recordings and the review screen's moments. Reading and playing: QA and team leads
 * (coaching plays the exact moment), and the mystery-shop entry person, who picks a call as a shop's
 * evidence or imports it. Changing what the library holds (imports, details, the agent of a call):
 * QA. Agents do not open the library at all: they read their own evaluations (evaluations.ts).
 */
export const libraryPermissions = {
  'library.list': { roles: evidence, action: 'browse the library' },
  'library.facets': { roles: evidence, action: 'browse the library' },
  'library.neighbours': { roles: readers, action: 'browse the library' },
  'interaction.get': { roles: evidence, action: 'open calls and chats' },
  'interaction.updateDetails': { roles: qa, action: 'change the details of calls and chats' },
  'library.assignAgent': { roles: qa, action: 'assign calls and chats to agents' },
  'recording.peaks': { roles: evidence, action: 'play recordings' },
  'recording.peaksWindow': { roles: evidence, action: 'play recordings' },
  'recording.encodedAudio': { roles: evidence, action: 'play recordings' },
  'recording.savePeaks': { roles: evidence, action: 'play recordings' },
  'playback.get': { roles: evidence, action: 'play recordings' },
  'playback.save': { roles: evidence, action: 'play recordings' },
  'import.preview': { roles: importers, action: 'import recordings' },
  'import.start': { roles: importers, action: 'import recordings' },
  'import.cancel': { roles: importers, action: 'import recordings' },
  'import.status': { roles: importers, action: 'import recordings' },
  'import.serverFiles': { roles: importers, action: 'import recordings' },
  'import.browse': { roles: importers, action: 'import recordings' },
  'moment.list': { roles: readers, action: 'see moments' },
  'moment.create': { roles: readers, action: 'pin moments' },
  'moment.update': { roles: readers, action: 'change moments' },
  'moment.delete': { roles: readers, action: 'delete moments' },
  'moment.restore': { roles: readers, action: 'restore moments' },
  'tag.list': { roles: readers, action: 'see tags' },
  'tag.create': { roles: readers, action: 'create tags' },
} as const satisfies Partial<Record<MethodName, Permission>>;
