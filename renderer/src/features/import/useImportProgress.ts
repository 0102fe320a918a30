import { useEffect, useState } from 'react';
import type { ImportProgress } from '../../../../shared/api';
import { api } from '../../api/client';

/** Live progress of one import batch: pushed events while it runs, the stored status when reopened. */
export function useImportProgress(batchId: number | null): ImportProgress | null {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  useEffect(() => {
    if (batchId === null) return;
    let current = true;
    const unsubscribe = api.on('import.progress', (update) => {
      if (update.batchId === batchId) setProgress(update);
    });
    // The batch may have moved on before we subscribed.
    void api.import.status({ batchId }).then((status) => current && setProgress((seen) => seen ?? status));
    return () => {
      current = false;
      unsubscribe();
    };
  }, [batchId]);
  return batchId === null ? null : progress;
}
