import { z } from 'zod';

/** One API method: the schema of its parameters and of its result. */
export const method = <P extends z.ZodType, R extends z.ZodType>(params: P, result: R) => ({
  params,
  result,
});
export type MethodSpec = ReturnType<typeof method>;
export const NoParams = z.object({}).strict();
