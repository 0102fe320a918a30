import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Rubric } from '../../../../../shared/rubric/schema';
import { api } from '../../../api/client';

/** The checklists a shop can be scored with: published rubrics of kind mysteryChecklist. */
export function useChecklists() {
  return useQuery({
    queryKey: ['rubrics'],
    queryFn: () => api.rubric.list({}),
    select: (rubrics) => rubrics.filter((r) => r.kind === 'mysteryChecklist' && r.latestVersion !== null),
  });
}

/**
 * The checklist's items: the version a saved shop keeps, else the rubric's latest version (the one a
 * new draft will be started on).
 */
export function useChecklistContent(rubricId: number | null, versionId: number | null) {
  return useQuery({
    queryKey: ['mystery', 'checklist', rubricId, versionId],
    enabled: rubricId !== null || versionId !== null,
    // The first save names the version: the items stay on screen (and focused) meanwhile.
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<Rubric | null> => {
      if (versionId !== null) return (await api.rubric.version({ versionId })).rubric;
      return (await api.rubric.get({ id: rubricId! })).latest;
    },
  });
}
