import { useQuery } from '@tanstack/react-query';
import type { Params } from '../../../../../shared/api';
import { api } from '../../../api/client';

export type ImportInput = Params<'mysteryImport.dryRun'>;

/** The dry run of the current mapping; asked again whenever the mapping changes. */
export function useDryRun(input: ImportInput) {
  return useQuery({
    queryKey: ['mysteryImport.dryRun', input],
    queryFn: () => api.mysteryImport.dryRun(input),
    placeholderData: (previous) => previous,
  });
}
