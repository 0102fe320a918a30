import { statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { DetailField, ImportRequest, PlanItem } from '../../../shared/api';
import { EarmarkError } from '../../../shared/errors';
import {
  describeNamePatternError,
  matchFileName,
  parseNamePattern,
  type NamePattern,
} from '../../../shared/import/name-pattern';
import type { Query } from '../db/schema';
import { getSetting, putSetting } from '../services/settings';
import { readDetailCells, type ManifestEntry } from './formats';

/** What an interaction is told about itself, from its manifest row and its file name. */
export type UnitDetails = { [F in DetailField]: ManifestEntry[F] };

export interface NamePatternChoice {
  source: string;
  pattern: NamePattern;
  remembered: boolean;
}

/** The folders a request reads: each folder chosen, or the folder of each file chosen. */
export function foldersOf(paths: readonly string[]): string[] {
  const folders = paths.map((path) => {
    const full = resolve(path);
    try {
      return statSync(full).isDirectory() ? full : dirname(full);
    } catch {
      return dirname(full);
    }
  });
  return [...new Set(folders)];
}

export const namePatternKey = (folder: string) => `import.namePattern:${folder}`;

/** The pattern given with the request, else the one last used for one of its folders. */
export async function namePatternFor(
  q: Query,
  request: Pick<ImportRequest, 'paths' | 'namePattern'>,
): Promise<NamePatternChoice | null> {
  let source = request.namePattern?.trim();
  let remembered = false;
  if (source === undefined) {
    for (const folder of foldersOf(request.paths)) {
      const saved = await getSetting(q, namePatternKey(folder));
      if (saved) {
        source = saved;
        remembered = true;
        break;
      }
    }
  }
  if (!source) return null;
  const parsed = parseNamePattern(source);
  if (!parsed.ok) {
    throw new EarmarkError(
      'invalid_params',
      `The file-name pattern "${source}" cannot be used: ${describeNamePatternError(parsed.error)}`,
    );
  }
  return { source, pattern: parsed.pattern, remembered };
}

/** Once an import starts, its pattern is the one its folders remember ('' forgets it). */
export async function rememberNamePattern(
  q: Query,
  request: Pick<ImportRequest, 'paths' | 'namePattern'>,
): Promise<void> {
  if (request.namePattern === undefined) return;
  const pattern = request.namePattern.trim();
  for (const folder of foldersOf(request.paths)) await putSetting(q, namePatternKey(folder), pattern || null);
}

export interface ReadDetails {
  details: UnitDetails;
  shown: PlanItem['details'];
  nameMatch: PlanItem['nameMatch'];
  problem: string | null;
}

const NO_DETAILS: UnitDetails = {
  agent: null,
  team: null,
  startedAt: null,
  direction: null,
  queue: null,
  customerRef: null,
  customerRating: null,
  externalId: null,
};
const FIELDS = Object.keys(NO_DETAILS) as DetailField[];

/**
 * An interaction's details: its manifest row's, and where the row says nothing, what the pattern
 * reads from its file name (the first of `files` the pattern fits: a two-leg call has two names).
 */
export function readDetails(
  pattern: NamePattern | null,
  files: readonly string[],
  entry: ManifestEntry | null,
): ReadDetails {
  const details = { ...NO_DETAILS };
  const shown: PlanItem['details'] = {};
  let nameMatch: PlanItem['nameMatch'] = null;
  let problem: string | null = null;
  if (pattern) {
    const matches = files.map((file) => ({ file, match: matchFileName(pattern, basename(file)) }));
    const fits = matches.find(({ match }) => match.matched) ?? matches[0];
    if (fits?.match.matched) {
      nameMatch = 'matched';
      const read = readDetailCells(fits.match.values);
      Object.assign(details, read.values);
      for (const field of FIELDS) {
        const value = details[field];
        if (value !== null) shown[field] = { value, from: 'pattern' };
      }
      if (read.problems.length > 0) problem = `${basename(fits.file)}: ${read.problems.join('; ')}`;
    } else if (fits && !fits.match.matched) {
      nameMatch = fits.match.reason === 'noMatch' ? 'unmatched' : 'notADate';
      if (fits.match.reason === 'notADate')
        problem = `${basename(fits.file)}: '${fits.match.value}' is not a calendar date`;
    }
  }
  for (const field of FIELDS) {
    const value = entry?.[field] ?? null;
    if (value !== null) {
      details[field] = value as never;
      shown[field] = { value, from: 'manifest' };
    }
  }
  return { details, shown, nameMatch, problem };
}
