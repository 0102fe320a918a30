import { EarmarkError, isErrorCode, type ErrorCode } from '../../../shared/errors';

/** What a worker posts back to the thread that started it. */
export type WorkerMessage<T> =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: T }
  | { type: 'error'; code: ErrorCode; message: string };

export function reportFailure(error: unknown): WorkerMessage<never> {
  if (error instanceof EarmarkError) return { type: 'error', code: error.code, message: error.message };
  return { type: 'error', code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export function failureToError(message: { code: string; message: string }): EarmarkError {
  return new EarmarkError(isErrorCode(message.code) ? message.code : 'internal', message.message);
}
