import type { PlanItem } from '../../../shared/api';
import type { ReadDetails } from './name-details';
import type { ImportUnit } from './plan';
import type { ScannedFile } from './scan';

const blank = (file: string): PlanItem => ({
  file,
  becomes: 'unrecognised',
  with: null,
  leg: null,
  matchedBy: null,
  title: null,
  details: {},
  nameMatch: null,
  reason: null,
  problem: null,
});

/** Every chosen file with what it becomes, in the order they were found: nothing goes unaccounted. */
export function planItems(
  files: readonly ScannedFile[],
  units: readonly ImportUnit[],
  read: ReadonlyMap<ImportUnit, ReadDetails>,
  manifestPath: string | null,
): PlanItem[] {
  const byFile = new Map<string, PlanItem>();
  const add = (item: PlanItem) => byFile.set(item.file, item);
  for (const unit of units) {
    const shown = read.get(unit);
    const described = {
      title: unit.kind === 'chats' ? null : unit.title,
      details: shown?.shown ?? {},
      nameMatch: shown?.nameMatch ?? null,
      problem: shown?.problem ?? null,
    };
    if (unit.kind === 'call') {
      const [agent, customer] = unit.sources;
      if (customer) {
        add({
          ...blank(agent!),
          ...described,
          becomes: 'twoLegCall',
          with: customer,
          leg: 'agent',
          matchedBy: unit.pairedBy,
        });
        add({
          ...blank(customer),
          ...described,
          becomes: 'twoLegCall',
          with: agent!,
          leg: 'customer',
          matchedBy: unit.pairedBy,
        });
      } else add({ ...blank(agent!), ...described, becomes: 'call' });
      if (unit.transcript) {
        add({
          ...blank(unit.transcript.path),
          becomes: 'transcript',
          with: unit.file,
          matchedBy: unit.transcriptMatch,
        });
      }
    } else if (unit.kind === 'transcriptOnly') {
      add({
        ...blank(unit.file),
        ...described,
        becomes: 'transcriptOnly',
        matchedBy: unit.keptByUser ? 'user' : null,
      });
    } else add({ ...blank(unit.file), ...described, becomes: 'chats' });
    const transcript = unit.kind === 'chats' ? null : unit.transcript;
    if (transcript?.companion)
      add({ ...blank(transcript.companion), becomes: 'companion', with: transcript.path });
  }

  const items = files.map((file): PlanItem => {
    const planned = byFile.get(file.path);
    if (planned) return planned;
    if (file.kind === 'manifest') {
      return file.path === manifestPath
        ? { ...blank(file.path), becomes: 'manifest' }
        : { ...blank(file.path), reason: 'extraManifest', with: manifestPath };
    }
    // What the scan could not sort, and (should a format be found but not planned) anything else.
    return { ...blank(file.path), reason: file.reason ?? 'text' };
  });
  // A manifest named on the command line may sit outside the folders imported.
  if (manifestPath && !files.some((file) => file.path === manifestPath))
    items.push({ ...blank(manifestPath), becomes: 'manifest' });
  return items;
}
