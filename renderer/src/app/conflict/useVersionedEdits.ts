import { useState } from 'react';
import { VersionedEdits, type Conflict, type VersionedEditsOptions } from './versioned-edits';

/** VersionedEdits for a React editor: made once; the held conflict is state, so the dialog shows it. */
export function useVersionedEdits<T, P>(options: Omit<VersionedEditsOptions<T, P>, 'onConflict'>) {
  const [conflict, setConflict] = useState<Conflict<T, P> | null>(null);
  const [edits] = useState(() => new VersionedEdits<T, P>({ ...options, onConflict: setConflict }));
  return { edits, conflict };
}
