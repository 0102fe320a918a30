import type { z } from 'zod';
import { isMethodName, methods, type MethodName, type ParsedParams, type Result } from '../../shared/api';
import { EarmarkError, type Reply } from '../../shared/errors';

export type Handlers = {
  [M in MethodName]: (params: ParsedParams<M>) => Result<M> | Promise<Result<M>>;
};

export type Dispatch = (method: string, payload: unknown) => Promise<Reply<unknown>>;

export interface DispatchOptions {
  /** Receives unexpected errors (bugs, disk failures) for the log; the caller only sees a generic message. */
  onInternalError?: (method: string, error: unknown) => void;
}

/**
 * The one dispatch both transports call: looks the method up in the contract, validates the
 * payload, runs the handler and validates what it returns. Never throws: every failure becomes
 * `{ ok: false, error }` with a code and a message that names the problem.
 */
export function createDispatch(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return async (method, payload) => {
    try {
      if (!isMethodName(method))
        throw new EarmarkError('unknown_method', `There is no API method named "${method}".`);
      const spec = methods[method];
      const parsed = spec.params.safeParse(payload ?? {});
      if (!parsed.success) {
        throw new EarmarkError(
          'invalid_params',
          `Invalid parameters for ${method}: ${describe(parsed.error)}`,
        );
      }
      const handler = handlers[method] as (params: unknown) => unknown;
      const value = await handler(parsed.data);
      const checked = spec.result.safeParse(value);
      if (!checked.success) {
        throw new Error(`Result of ${method} does not match the contract: ${describe(checked.error)}`);
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (error instanceof EarmarkError) return { ok: false, error: error.toBody() };
      options.onInternalError?.(method, error);
      return {
        ok: false,
        error: { code: 'internal', message: `Earmark could not complete ${method}: ${messageOf(error)}` },
      };
    }
  };
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
