import type { coachingMethods } from '../../../../shared/api/methods/coaching';
import type { BackendContext, HandlersFor } from '../../context';
import { addAction, deleteAction, openActions, updateAction } from './actions';
import { today } from './clock';
import { addNote, deleteNote, getNote, listNotes, updateNote } from './notes';
import { assertSessionSeen, listSessions } from './session-rows';
import { closeSession, createSession, getSession, reopenSession, updateSession } from './sessions';

/**
 * Every write is made as the request's actor (never as an id from the payload): the coach of a new
 * session, the one allowed to change it, the author of a note. Reads use it only to say whether the
 * reader may edit and which private notes are theirs.
 */
export function coachingHandlers({
  database,
  profiles,
}: BackendContext): HandlersFor<keyof typeof coachingMethods> {
  const q = database.query;
  const day = () => today(database);
  return {
    // Row rules (services/viewer.ts): a team lead sees the sessions of their teams' agents only.
    'coaching.list': (query, { viewer }) => listSessions(q, query, day(), viewer),
    'coaching.create': (params, { actorId, viewer }) =>
      createSession(database, actorId, params, day(), viewer),
    'coaching.get': async ({ id }, { actorId, viewer }) => {
      await assertSessionSeen(q, viewer, { sessionId: id });
      return getSession(q, actorId, id, day());
    },
    'coaching.update': (params, { actorId }) => updateSession(database, actorId, params, day()),
    'coaching.close': (params, { actorId }) => closeSession(database, actorId, params, day()),
    'coaching.reopen': ({ id }, { actorId }) => reopenSession(database, actorId, id, day()),
    'coaching.actionAdd': (params, { actorId }) => addAction(database, actorId, params, day()),
    'coaching.actionUpdate': (params, { actorId }) => updateAction(database, actorId, params, day()),
    'coaching.actionDelete': ({ id }, { actorId }) => deleteAction(database, actorId, id, day()),
    'coaching.openActions': (query, { viewer }) => openActions(q, query, day(), viewer),
    'coaching.notes': async ({ sessionId }, reader) => {
      await assertSessionSeen(q, reader.viewer, { sessionId, field: 'sessionId' });
      return listNotes(q, profiles, reader, sessionId);
    },
    'coaching.noteGet': async ({ id }, reader) => {
      await assertSessionSeen(q, reader.viewer, { noteId: id });
      return getNote(q, profiles, reader, id);
    },
    'coaching.noteAdd': (params, { actorId }) => addNote(database, profiles, actorId, params),
    'coaching.noteUpdate': (params, { actorId }) => updateNote(database, profiles, actorId, params),
    'coaching.noteDelete': ({ id }, { actorId }) => deleteNote(database, actorId, id),
  };
}
