import { useQuery } from '@tanstack/react-query';
import {
  defaultShortcutBindings,
  type ShortcutBindings,
  type ShortcutSettings,
} from '../../../../shared/api/methods/review';
import { api } from '../../api/client';

export const SHORTCUTS_QUERY_KEY = ['shortcuts'] as const;
const defaults: ShortcutSettings = { bindings: defaultShortcutBindings(), customized: [] };

/** The keys the user chose (the defaults until the backend has answered). */
export function useShortcutSettings(): ShortcutSettings {
  const query = useQuery({
    queryKey: SHORTCUTS_QUERY_KEY,
    queryFn: () => api.shortcuts.get({}),
    staleTime: Infinity,
  });
  return query.data ?? defaults;
}

export function useShortcutBindings(): ShortcutBindings {
  return useShortcutSettings().bindings;
}
