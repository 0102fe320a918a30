import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { EarmarkError } from '../../../../../shared/errors';
import { builtInRubrics } from '../../../../../shared/rubric/defaults';
import {
  MAPPING_FILE_MAX_BYTES,
  mappingFileText,
  MysteryMapping,
} from '../../../../../shared/rubric/mystery-mapping';
import { sql } from 'kysely';
import type { Query } from '../../../db/schema';
import { MAX_TEXT_BYTES, tooLarge } from '../../../import/formats/errors';
import { readTable, type Table } from '../../../import/formats/manifest/read-table';
import { loadVersion } from '../../rubrics/version-cache';
import { getSetting, putSetting } from '../../settings';
import { checklistVersionId } from '../store';
import { proposeMapping } from './propose';

const SAMPLES = 5;
const FIRST_ROWS = 10;

/** A path as an error names it: a very long one is cut, so the message stays readable. */
export const shownPath = (path: string) => (path.length > 300 ? `${path.slice(0, 300)}…` : path);

function readBytes(path: string, what: string): Buffer {
  const full = resolve(path);
  const shown = shownPath(full);
  try {
    const stat = statSync(full);
    if (!stat.isFile()) throw new EarmarkError('invalid_params', `${what}: ${shown} is not a file.`);
    if (stat.size > MAX_TEXT_BYTES) tooLarge(basename(full), stat.size);
    return readFileSync(full);
  } catch (error) {
    if (error instanceof EarmarkError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'there is no such file'
        : code === 'EACCES'
          ? 'Earmark may not read it'
          : (error as Error).message;
    throw new EarmarkError('invalid_params', `${what}: ${shown}: ${why}.`);
  }
}

/** The sheet at `path`, every cell as text (see readTable). */
export async function readSheet(path: string): Promise<{ fileName: string; bytes: Buffer; table: Table }> {
  const bytes = readBytes(path, 'path');
  const fileName = basename(path);
  return { fileName, bytes, table: await readTable({ fileName, bytes }) };
}

/** Where the mapping confirmed for a set of columns is remembered: a hash of the sorted headers. */
export function mappingSettingKey(headers: readonly string[]): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([...headers].sort()))
    .digest('hex');
  return `mysteryImport.mapping:${hash.slice(0, 32)}`;
}

export async function rememberMapping(
  q: Query,
  headers: readonly string[],
  mapping: MysteryMapping,
): Promise<void> {
  await putSetting(q, mappingSettingKey(headers), JSON.stringify(mapping));
}

async function rememberedMapping(q: Query, headers: readonly string[]): Promise<MysteryMapping | null> {
  const saved = await getSetting(q, mappingSettingKey(headers));
  if (saved === null) return null;
  const parsed = MysteryMapping.safeParse(JSON.parse(saved));
  return parsed.success ? parsed.data : null;
}

export interface Checklist {
  /** What MAPPING.json names it by: a built-in key (with its language) or the rubric id. */
  rubric: string | number;
  language: string;
  name: string;
  items: {
    id: string;
    title: string;
    type: 'yesNo' | 'scale' | 'choice';
    max: number | null;
    naAllowed: boolean;
    options: { id: string; label: string }[];
  }[];
}

/** Every checklist rubric with a published version. */
export async function checklists(q: Query): Promise<Checklist[]> {
  const rows = await q
    .selectFrom('rubrics')
    .select(['id', 'builtin', 'name', 'language'])
    .where('kind', '=', 'mysteryChecklist')
    .orderBy(sql`CASE WHEN builtin IS NULL THEN 1 ELSE 0 END`)
    .orderBy('name')
    .orderBy('id')
    .execute();
  const found: Checklist[] = [];
  for (const r of rows) {
    let versionId: number;
    try {
      versionId = await checklistVersionId(q, r.id);
    } catch {
      continue; // not published yet
    }
    const { rubric } = await loadVersion(q, versionId);
    found.push({
      rubric: r.builtin ?? r.id,
      language: r.language,
      name: rubric.name,
      items: rubric.sections.flatMap((s) =>
        s.items.map((item) => ({
          id: item.id,
          title: item.title,
          type: item.type,
          max: item.type === 'scale' ? item.max : null,
          naAllowed: item.naAllowed,
          options: item.type === 'choice' ? item.options.map((o) => ({ id: o.id, label: o.label })) : [],
        })),
      ),
    });
  }
  return found;
}

/** The titles a checklist's items go by: a built-in one's in every language it comes in. */
function itemNames(checklist: Checklist) {
  const builtIn = typeof checklist.rubric === 'string' ? checklist.rubric : null;
  const translations = builtInRubrics.filter(
    (r) => builtIn !== null && r.id.startsWith(`builtin.${builtIn}.`),
  );
  return checklist.items.map((item) => ({
    id: item.id,
    titles: [
      item.title,
      ...translations.flatMap((r) =>
        r.sections.flatMap((s) => s.items.filter((i) => i.id === item.id).map((i) => i.title)),
      ),
    ],
  }));
}

/**
 * A sheet's columns with a few values each, its first rows, and a mapping to start from: the one
 * confirmed last time for this set of columns, else one proposed from the headers.
 */
export async function previewSheet(q: Query, params: { path: string; language: string }) {
  const { table } = await readSheet(params.path);
  const lists = await checklists(q);
  const remembered = await rememberedMapping(q, table.columns);
  const checklist =
    lists.find((c) => c.rubric === 'mystery-call' && c.language === params.language) ??
    lists.find((c) => c.rubric === 'mystery-call') ??
    lists[0];
  if (!remembered && !checklist) {
    throw new EarmarkError('conflict', 'There is no checklist rubric to import mystery shops with.');
  }
  const filled = table.rows.filter((cells) => Object.values(cells).some((c) => c.trim() !== ''));
  return {
    path: resolve(params.path),
    columns: table.columns.map((header) => ({
      header,
      samples: [...new Set(filled.map((cells) => (cells[header] ?? '').trim()).filter(Boolean))].slice(
        0,
        SAMPLES,
      ),
    })),
    rows: filled.slice(0, FIRST_ROWS),
    rowCount: filled.length,
    checklists: lists,
    mapping:
      remembered ??
      proposeMapping(table.columns, {
        rubric: checklist!.rubric,
        language: checklist!.language,
        items: itemNames(checklist!),
      }),
    remembered: remembered !== null,
  };
}

/** MAPPING.json from a file, as the command line reads it; each fault named. */
export function loadMapping(path: string): MysteryMapping {
  return parseMapping(readBytes(path, 'path').toString('utf8'), shownPath(resolve(path)));
}

/**
 * MAPPING.json sent as text from the person's own computer (a team server's browser): the same checks
 * as a file on disk, and an empty or oversized one named too. Each refusal carries a `reason` the
 * screen says in the person's language.
 */
export function loadMappingText(fileName: string, text: string): MysteryMapping {
  const shown = shownPath(fileName);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAPPING_FILE_MAX_BYTES) {
    throw new EarmarkError(
      'invalid_params',
      `${shown} is ${bytes} bytes; a mapping file is at most ${MAPPING_FILE_MAX_BYTES} bytes.`,
      { reason: 'mapping_too_big' },
    );
  }
  if (text.trim() === '') {
    throw new EarmarkError('invalid_params', `${shown} is empty.`, { reason: 'mapping_empty' });
  }
  return parseMapping(text, shown);
}

function parseMapping(text: string, shown: string): MysteryMapping {
  let json: unknown;
  try {
    // A byte order mark, as some Windows editors write, is not a fault of the mapping.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new EarmarkError('invalid_params', `${shown} is not JSON: ${(error as Error).message}`, {
      reason: 'mapping_not_json',
    });
  }
  const parsed = MysteryMapping.safeParse(json);
  if (!parsed.success) {
    const why = parsed.error.issues
      .slice(0, 5)
      .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
      .join('; ');
    throw new EarmarkError('invalid_params', `${shown} is not a mapping: ${why}`, {
      reason: 'mapping_not_a_mapping',
    });
  }
  return parsed.data;
}

/** Writes MAPPING.json for the command line (`earmark mystery import FILE --mapping MAPPING.json`). */
export function saveMapping(path: string, mapping: MysteryMapping): { path: string } {
  const full = resolve(path);
  try {
    writeFileSync(full, mappingFileText(mapping), 'utf8');
  } catch (error) {
    throw new EarmarkError(
      'invalid_params',
      `path: cannot write ${shownPath(full)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return { path: full };
}
