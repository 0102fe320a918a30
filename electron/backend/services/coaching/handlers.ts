import type { coachingMethods } from '../../../../shared/api/methods/coaching';
import type { BackendContext, HandlersFor } from '../../context';
import { addAction, deleteAction, openActions, updateAction } from './actions';
import { today } from './clock';
import { addNote, deleteNote, getNote, listNotes, updateNote } from './notes';
import { listSessions } from './session-rows';
import { closeSession, createSession, getSession, reopenSession, updateSession } from './sessions';

/**
 * Every write is made as the request's actor (never as an id from the payload): the coach of a new
 * session, the one allowed to change it, the author of a note. Reads use it only to say whether the
 * reader may edit and which private notes are theirs.
 */
export function coachingHandlers({
  db,
  database,
  profiles,
}: BackendContext): HandlersFor<keyof typeof coachingMethods> {
  return {
    'coaching.list': (query) => listSessions(db, query, today(db)),
    'coaching.create': (params, { actorId }) => createSession(db, actorId, params, today(db)),
    'coaching.get': ({ id }, { actorId }) => getSession(db, actorId, id, today(db)),
    'coaching.update': (params, { actorId }) => updateSession(db, actorId, params, today(db)),
    'coaching.close': (params, { actorId }) => closeSession(db, actorId, params, today(db)),
    'coaching.reopen': ({ id }, { actorId }) => reopenSession(db, actorId, id, today(db)),
    'coaching.actionAdd': (params, { actorId }) => addAction(db, actorId, params, today(db)),
    'coaching.actionUpdate': (params, { actorId }) => updateAction(db, actorId, params, today(db)),
    'coaching.actionDelete': ({ id }, { actorId }) => deleteAction(db, actorId, id, today(db)),
    'coaching.openActions': (query) => openActions(db, query, today(db)),
    'coaching.notes': ({ sessionId }, reader) => listNotes(database.query, profiles, reader, sessionId),
    'coaching.noteGet': ({ id }, reader) => getNote(database.query, profiles, reader, id),
    'coaching.noteAdd': (params, { actorId }) => addNote(database, profiles, actorId, params),
    'coaching.noteUpdate': (params, { actorId }) => updateNote(database, profiles, actorId, params),
    'coaching.noteDelete': ({ id }, { actorId }) => deleteNote(database, actorId, id),
  };
}
