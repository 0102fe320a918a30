import type { ImportPlan, PlanItem } from '../../../../shared/api';
import { matchFileName, type NamePattern } from '../../../../shared/import/name-pattern';

/** The folder every listed file is in, so the list can show short names (`diarized/sample.wav`). */
export function commonFolder(files: readonly string[]): string {
  if (files.length === 0) return '';
  const split = (file: string) => file.split(/[\\/]/).slice(0, -1);
  let common = split(files[0]!);
  for (const file of files.slice(1)) {
    const parts = split(file);
    let same = 0;
    while (same < common.length && same < parts.length && common[same] === parts[same]) same++;
    common = common.slice(0, same);
  }
  return common.join('/');
}

/** A file as the list shows it: its path below the common folder. */
export function shortName(file: string, folder: string): string {
  const normalised = file.replace(/\\/g, '/');
  return folder && normalised.startsWith(`${folder}/`) ? normalised.slice(folder.length + 1) : baseName(file);
}

export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/**
 * Files the user should look at before importing: left out, a transcript that found no recording (unless
 * the user kept it apart), a name the pattern did not read, or details with a problem.
 */
export function needsLook(item: PlanItem): boolean {
  return (
    item.becomes === 'unrecognised' ||
    (item.becomes === 'transcriptOnly' && item.matchedBy !== 'user') ||
    (item.nameMatch !== null && item.nameMatch !== 'matched') ||
    item.problem !== null
  );
}

/** The recordings a transcript can join: each call once (a two-leg call by its agent leg), by title. */
export function recordingChoices(plan: ImportPlan, folder: string): { value: string; label: string }[] {
  return plan.items
    .filter((item) => item.becomes === 'call' || (item.becomes === 'twoLegCall' && item.leg === 'agent'))
    .map((item) => ({ value: item.file, label: shortName(item.file, folder) }));
}

/** How many of the names the pattern would read, worked out here while the user types. */
export function patternFit(pattern: NamePattern, plan: ImportPlan): { fits: number; of: number } {
  const named = plan.items.filter((item) => PATTERN_READS.has(item.becomes) && item.leg !== 'customer');
  const fits = named.filter((item) => matchFileName(pattern, baseName(item.file)).matched).length;
  return { fits, of: named.length };
}
const PATTERN_READS = new Set<PlanItem['becomes']>(['call', 'twoLegCall', 'transcriptOnly', 'chats']);
