import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import { isMethodName, methods, type MethodName, type ParsedParams, type Result } from '../../shared/api';
import { EarmarkError, type Reply } from '../../shared/errors';
import type { Acting, ActorSource, CallContext, RequestFor, Viewer } from './context';
import { fromDatabaseError } from './database-errors';
import { checkRole } from './permissions';
import { requestFor } from './request';

export type Handlers = {
  [M in MethodName]: (
    params: ParsedParams<M>,
    request: RequestFor<M>,
    call: CallContext,
  ) => Result<M> | Promise<Result<M>>;
};

/**
 * One API call: the method's name, its payload and, from transports that have one, the call's own
 * context (the team host: who is logged in, and the session cookie's channel; see CallContext).
 */
export type Dispatch = (method: string, payload: unknown, call?: CallContext) => Promise<Reply<unknown>>;

export interface DispatchOptions {
  /**
   * Receives unexpected errors (bugs, disk failures) for the log, with the reference the caller was
   * given; the caller sees only the method and that reference, never the error's own text.
   */
  onInternalError?: (method: string, error: unknown, reference: string) => void;
  /** Who acts in each call unless the call brings its own; without either nobody does. */
  actors?: ActorSource;
  /**
   * Team mode: every method but `except` is refused unless someone is logged in, whatever its `actor`
   * rule (a library read needs no actor on the workstation, but a team server serves only its people).
   */
  loginRequired?: { readonly except: ReadonlySet<MethodName>; readonly refusal: () => EarmarkError };
  /**
   * Team mode: every logged-in call is checked against the role table (shared/permissions) before its
   * handler runs, and the handler's request carries who is looking, for the services' row rules.
   */
  roleTable?: boolean;
  /**
   * Methods this way of running does not offer (team accounts on a workstation, choosing a profile on a
   * team server): their refusal, answered after the payload's check and before who acts is looked at.
   */
  closed?: (method: MethodName) => EarmarkError | undefined;
}

/**
 * The one dispatch both transports call: looks the method up in the contract, validates the
 * payload, finds who acts (the contract says whether the method needs someone), runs the handler
 * with that request and validates what it returns. Never throws: every failure becomes
 * `{ ok: false, error }` with a code and a message that names the problem.
 */
export function createDispatch(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return async (method, payload, call = {}) => {
    try {
      if (!isMethodName(method))
        throw new EarmarkError('unknown_method', `There is no API method named ${quoted(method)}.`);
      const spec = methods[method];
      const parsed = spec.params.safeParse(payload ?? {});
      if (!parsed.success) {
        throw new EarmarkError(
          'invalid_params',
          `Invalid parameters for ${method}: ${describe(parsed.error)}`,
        );
      }
      const closed = options.closed?.(method);
      if (closed) throw closed;
      const actors = askedOnce(call.actors ?? options.actors);
      const login = options.loginRequired;
      let viewer: Viewer | undefined;
      if (login && !login.except.has(method)) {
        const acting = await actors?.acting();
        if (!acting) throw login.refusal();
        if (acting.actorId === null) throw acting.refusal;
        if (options.roleTable) viewer = checkRole(method, acting.viewer);
      }
      const request = await requestFor(spec.actor, actors, viewer);
      const handler = handlers[method] as (params: unknown, request: unknown, call: CallContext) => unknown;
      const value = await handler(parsed.data, request, call);
      const checked = spec.result.safeParse(value);
      if (!checked.success) {
        throw new Error(`Result of ${method} does not match the contract: ${describe(checked.error)}`);
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      const known = error instanceof EarmarkError ? error : fromDatabaseError(error);
      if (known && known.code !== 'internal')
        return { ok: false, error: { ...known.toBody(), message: capped(known.message) } };
      // The error's text may hold paths, SQL or a stack: it goes to the log, the caller gets a reference to it.
      const reference = newReference();
      options.onInternalError?.(method, error, reference);
      const name = isMethodName(method) ? method : 'the request';
      return {
        ok: false,
        error: { code: 'internal', message: `Earmark could not complete ${name} (reference ${reference}).` },
      };
    }
  };
}

/** A source asked at most once per call, however many checks want to know who acts. */
function askedOnce(source: ActorSource | undefined): ActorSource | undefined {
  if (!source) return undefined;
  let answer: Promise<Acting> | null = null;
  return { acting: () => (answer ??= Promise.resolve(source.acting())) };
}

const MAX_MESSAGE_CHARS = 1000;

/** However a service built its message, it never carries a megabyte of the request back. */
function capped(message: string): string {
  return message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS - 1)}…` : message;
}

const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Six letters and digits, none of them easily confused (no O/0, I/1), for the user to quote. */
/** A short code the caller is given for an unexpected error, so the log entry can be found. */
export function newReference(): string {
  return Array.from({ length: 6 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('');
}

/** A name or key from the request, shortened: an error must not echo a megabyte of hostile input back. */
function quoted(text: string): string {
  const json = JSON.stringify(text);
  return json.length > 80 ? `${json.slice(0, 60)}…" (${text.length} characters)` : json;
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const message = issue.message.length > 300 ? `${issue.message.slice(0, 300)}…` : issue.message;
      if (!issue.path.length) return message;
      return `${issue.path.map((key) => (typeof key === 'string' && key.length > 60 ? quoted(key) : String(key))).join('.')}: ${message}`;
    })
    .join('; ');
}
