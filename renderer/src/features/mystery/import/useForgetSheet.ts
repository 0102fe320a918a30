import { useEffect, useRef } from 'react';
import { api } from '../../../api/client';

/**
 * A spreadsheet uploaded to a team server is there only for this screen. When the screen is done with
 * one no row of which was imported (another sheet chosen, it removed, the screen left), the server is
 * told to remove it, as it removes recordings its import did not take. One that imported rows stays.
 */
export function useForgetSheet(uploaded: string | null, taken: boolean): void {
  const current = useRef({ uploaded, taken });
  useEffect(() => {
    const before = current.current;
    current.current = { uploaded, taken };
    if (before.uploaded && before.uploaded !== uploaded && !before.taken) forget(before.uploaded);
  }, [uploaded, taken]);
  useEffect(
    () => () => {
      const { uploaded: left, taken: imported } = current.current;
      if (left && !imported) forget(left);
    },
    [],
  );
}

// Best effort: a sheet not forgotten stays in the storage as an unfinished import's would.
const forget = (path: string) => void api.mysteryImport.forgetSheet({ path }).catch(() => {});
