import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { Settings } from '../../../../../shared/api';
import { api } from '../../../api/client';
import { DEFAULT_FORM_SHARE } from './split';

export const SETTINGS_QUERY_KEY = ['settings'] as const;
/** Keys move the split in small steps: remember where it stops, not every step. */
const SAVE_AFTER_MS = 400;

/**
 * The docked form's width: what the reviewer last left it at (a setting, so it holds for every call and
 * after a restart), followed live while the split moves, and saved once it comes to rest.
 */
export function useDockShare() {
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: SETTINGS_QUERY_KEY, queryFn: () => api.settings.get({}) });
  const [moving, setMoving] = useState<number | null>(null);
  const save = useMutation({
    mutationFn: (share: number) => api.settings.update({ evaluationPanelShare: share }),
    onSuccess: (next: Settings) => queryClient.setQueryData(SETTINGS_QUERY_KEY, next),
  });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const stored = settings.data?.evaluationPanelShare ?? null;
  return {
    share: moving ?? stored ?? DEFAULT_FORM_SHARE,
    /** The remembered share, for tests and the state marker. */
    stored,
    move: (share: number) => setMoving(share),
    rest: (share: number) => {
      setMoving(share);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => save.mutate(share), SAVE_AFTER_MS);
    },
    error: save.error?.message ?? null,
  };
}
