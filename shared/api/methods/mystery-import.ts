import { z } from 'zod';
import { MysteryChannel } from '../../rubric/mystery';
import { EvaluationResult } from '../../rubric/outcome';
import { LanguageTag } from '../../rubric/schema';
import { MysteryMapping } from '../../rubric/mystery-mapping';
import { method } from './define';

/**
 * Bulk import of an agency's mystery-shop spreadsheet from the mapping step: read the sheet, try a
 * mapping on every row without storing anything, import, and load or save MAPPING.json (the same
 * file `earmark mystery import FILE --mapping MAPPING.json` reads). Paths are on this computer, typed
 * as on the import screen; on a team server the browser reads the mapping file and sends its text,
 * and saves it as a download written by `mappingFileText` (shared/rubric/mystery-mapping.ts).
 */

const Path = z
  .string()
  .trim()
  .min(1, 'a path must not be empty')
  .max(4096, 'a path may be at most 4096 characters long')
  .refine((path) => !path.includes('\u0000'), 'a path must not contain NUL')
  // A relative path would be read or written wherever the app happens to run.
  .refine((path) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path), 'a path must be a full path (/home/… or C:\\…)');

export { MysteryMapping };

export const MysteryChecklist = z.object({
  rubric: z.union([z.string(), z.number()]),
  language: z.string(),
  name: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      type: z.enum(['yesNo', 'scale', 'choice']),
      max: z.number().nullable(),
      naAllowed: z.boolean(),
      options: z.array(z.object({ id: z.string(), label: z.string() })),
    }),
  ),
});
export type MysteryChecklist = z.infer<typeof MysteryChecklist>;

export const MysterySheetPreview = z.object({
  path: z.string(),
  columns: z.array(z.object({ header: z.string(), samples: z.array(z.string()) })),
  /** The first rows with something in them. */
  rows: z.array(z.record(z.string(), z.string())),
  rowCount: z.number().int(),
  checklists: z.array(MysteryChecklist),
  /** The mapping confirmed last time for this set of columns, else one proposed from the headers. */
  mapping: MysteryMapping,
  remembered: z.boolean(),
});
export type MysterySheetPreview = z.infer<typeof MysterySheetPreview>;

const ImportInput = z.strictObject({
  path: Path,
  mapping: MysteryMapping,
  /** The folder of recordings, named in a column or after the shop id (`--recordings DIR`). */
  recordings: Path.optional(),
});

export const MysteryDryRunRow = z.object({
  row: z.number().int(),
  shopId: z.string().nullable(),
  outcome: z.enum(['import', 'skip', 'fail']),
  column: z.string().nullable(),
  problem: z.string().nullable(),
  /** The first rows that would import, as they would. */
  preview: z
    .object({
      occurredAt: z.string(),
      channel: MysteryChannel,
      team: z.string(),
      scenario: z.string(),
      percent: z.number().nullable(),
      result: EvaluationResult,
    })
    .nullable(),
});
export type MysteryDryRunRow = z.infer<typeof MysteryDryRunRow>;

export const MysteryDryRun = z.object({
  rows: z.array(MysteryDryRunRow),
  unknownValues: z.array(z.object({ target: z.string(), column: z.string(), texts: z.array(z.string()) })),
  ambiguousDates: z.boolean(),
});
export type MysteryDryRun = z.infer<typeof MysteryDryRun>;

export const MysteryImportReport = z.object({
  imported: z.array(z.object({ row: z.number().int(), shopId: z.string(), id: z.number().int() })),
  skipped: z.array(z.object({ row: z.number().int(), shopId: z.string(), reason: z.string() })),
  failed: z.array(
    z.object({
      row: z.number().int(),
      shopId: z.string().nullable(),
      column: z.string().nullable(),
      error: z.string(),
    }),
  ),
});
export type MysteryImportReport = z.infer<typeof MysteryImportReport>;

/** Importing shops is entering them: only the entry roles may (shared/permissions/mystery.ts). */
export const mysteryImportMethods = {
  'mysteryImport.preview': method(
    z.strictObject({ path: Path, language: LanguageTag.default('en') }),
    MysterySheetPreview,
    { actor: 'required', activity: true },
  ),
  /** Every row as the import would take it, without storing anything or importing a recording. */
  'mysteryImport.dryRun': method(ImportInput, MysteryDryRun, { actor: 'required', activity: true }),
  /** Imports the good rows (each whole or not at all) and remembers the mapping for these columns. */
  'mysteryImport.run': method(ImportInput, MysteryImportReport, { actor: 'required', activity: true }),
  'mysteryImport.loadMapping': method(z.strictObject({ path: Path }), MysteryMapping, {
    actor: 'required',
    activity: true,
  }),
  'mysteryImport.saveMapping': method(
    z.strictObject({ path: Path, mapping: MysteryMapping }),
    z.object({ path: z.string() }),
    { actor: 'required', activity: true },
  ),
  /**
   * MAPPING.json read by the browser from the person's own computer (a team server cannot read it
   * where it is): its text, checked as `loadMapping` checks a file. `fileName` only names it in errors.
   * An empty, oversized, non-JSON or wrongly shaped file is refused with a named `reason`.
   */
  'mysteryImport.loadMappingText': method(
    z.strictObject({
      fileName: z.string().trim().min(1).max(255).default('MAPPING.json'),
      // No bound here: the handler names an oversized file (mapping_too_big) instead of a schema refusal.
      text: z.string(),
    }),
    MysteryMapping,
    { actor: 'required', activity: true },
  ),
  /**
   * The import screen is done with a spreadsheet it uploaded to a team server without importing a row
   * of it (another chosen instead, or the screen left): the server removes that upload, when it is the
   * caller's own and nothing points at it. On the workstation a sheet is read where it is: nothing.
   */
  'mysteryImport.forgetSheet': method(z.strictObject({ path: Path }), z.object({ removed: z.boolean() }), {
    actor: 'required',
    activity: true,
  }),
} as const;
