import type { coachingMethods } from '../../../../shared/api/methods/coaching';
import type { BackendContext, HandlersFor } from '../../context';
import { addAction, deleteAction, openActions, updateAction } from './actions';
import { today } from './clock';
import { addNote, deleteNote, getNote, listNotes, updateNote } from './notes';
import { listSessions } from './session-rows';
import { closeSession, createSession, getSession, reopenSession, updateSession } from './sessions';

/**
 * Every write is made as the acting profile (never as an id from the payload): the coach of a new
 * session, the one allowed to change it, the author of a note. Reads use the acting profile only to say
 * whether the reader may edit and which private notes are theirs.
 */
export function coachingHandlers({
  db,
  profiles,
}: BackendContext): HandlersFor<keyof typeof coachingMethods> {
  const acting = () => profiles.actingProfileId();
  return {
    'coaching.list': (query) => listSessions(db, query, today()),
    'coaching.create': (params) => createSession(db, acting(), params, today()),
    'coaching.get': ({ id }) => getSession(db, profiles.actingProfileIdOrNull(), id, today()),
    'coaching.update': (params) => updateSession(db, acting(), params, today()),
    'coaching.close': (params) => closeSession(db, acting(), params, today()),
    'coaching.reopen': ({ id }) => reopenSession(db, acting(), id, today()),
    'coaching.actionAdd': (params) => addAction(db, acting(), params, today()),
    'coaching.actionUpdate': (params) => updateAction(db, acting(), params, today()),
    'coaching.actionDelete': ({ id }) => deleteAction(db, acting(), id, today()),
    'coaching.openActions': (query) => openActions(db, query, today()),
    'coaching.notes': ({ sessionId }) => listNotes(db, profiles, sessionId),
    'coaching.noteGet': ({ id }) => getNote(db, profiles, id),
    'coaching.noteAdd': (params) => addNote(db, profiles, params),
    'coaching.noteUpdate': (params) => updateNote(db, profiles, params),
    'coaching.noteDelete': ({ id }) => deleteNote(db, profiles, id),
  };
}
