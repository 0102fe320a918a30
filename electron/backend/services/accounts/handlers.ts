import type { accountMethods } from '../../../../shared/api/methods/accounts';
import type { sessionMethods } from '../../../../shared/api/methods/session';
import { EarmarkError } from '../../../../shared/errors';
import type { BackendContext, CallContext, HandlersFor, SessionChannel } from '../../context';
import { permit } from '../../permissions';
import { createAccount, listAccounts, sessionAccountOf, updateAccount } from './accounts';
import { changePassword, login, logout, resetPassword, type LoginSettings } from './login';
import { hashPassword, type ScryptCost } from './password-hash';

type AccountMethod = keyof typeof sessionMethods | keyof typeof accountMethods;

/**
 * The session and account methods of a team server (a workstation's dispatch closes them: modes.ts).
 * Account management is for administrators (shared/permissions/accounts.ts).
 */
export function accountHandlers(ctx: BackendContext, passwordCost: ScryptCost): HandlersFor<AccountMethod> {
  const { database } = ctx;
  const settings: LoginSettings = { clock: ctx.clock, passwordCost, log: ctx.log };
  return {
    'session.login': ({ username, password }, _request, call) =>
      login(database, settings, channelOf(call), username, password),
    'session.logout': (_params, _request, call) => logout(database, channelOf(call)),
    'session.me': async (_params, { actorId }) => ({
      account: actorId === null ? null : await sessionAccountOf(database.query, actorId),
    }),
    'session.changePassword': ({ current, next }, { actorId }, call) =>
      changePassword(database, settings, channelOf(call), actorId, current, next),
    'account.list': async (_params, { actorId }) => {
      await permit(database.query, 'account.list', actorId);
      return { accounts: await listAccounts(database.query) };
    },
    'account.create': async ({ password, ...input }, { actorId }) => {
      await permit(database.query, 'account.create', actorId);
      return createAccount(database, input, await hashPassword(password, passwordCost));
    },
    'account.update': async (changes, { actorId }) => {
      await permit(database.query, 'account.update', actorId);
      return updateAccount(database, changes);
    },
    'account.resetPassword': async ({ id, password }, { actorId }) => {
      await permit(database.query, 'account.resetPassword', actorId);
      return resetPassword(database, settings, id, password);
    },
  };
}

function channelOf(call: CallContext): SessionChannel {
  if (call.session) return call.session;
  // A transport without cookies (a test, a script) cannot keep a login: say so rather than lose the token.
  throw new EarmarkError('unavailable', 'This connection cannot keep a login session; use the team server.');
}
