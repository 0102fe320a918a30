import type { coachingMethods } from '../../../../shared/api/methods/coaching';
import type { BackendContext, HandlersFor, ProfileSession } from '../../context';
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
  // A team login brings its own note key with each call; the workstation's unlocked profile otherwise.
  const keys = (request: { keys?: ProfileSession }) => request.keys ?? profiles;
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
      return listNotes(q, keys(reader), reader, sessionId);
    },
    'coaching.noteGet': async ({ id }, reader) => {
      await assertSessionSeen(q, reader.viewer, { noteId: id });
      return getNote(q, keys(reader), reader, id);
    },
    'coaching.noteAdd': (params, request) => addNote(database, keys(request), request.actorId, params),
    'coaching.noteUpdate': (params, request) => updateNote(database, keys(request), request.actorId, params),
    'coaching.noteDelete': ({ id }, { actorId }) => deleteNote(database, actorId, id),
  };
}
