import { z } from 'zod';
import { MAX_PATTERN_LENGTH } from '../../import/name-pattern';
import { AudioDamage, Id, PlainText, SegmentSpeaker } from '../schemas';
import { method } from './define';

/** Spreadsheet columns a manifest can map: which file, and what is known about the interaction. */
export const manifestFields = [
  'file',
  'agentLegFile',
  'customerLegFile',
  'agent',
  'team',
  'startedAt',
  'direction',
  'queue',
  'customerRef',
  /** The customer's own verdict: bad, neutral or good (as set in one click in a call's details). */
  'customerRating',
  'externalId',
  'title',
  'channel',
] as const;
export const ManifestField = z.enum(manifestFields);
export type ManifestField = z.infer<typeof ManifestField>;
export const ManifestMapping = z.partialRecord(ManifestField, z.string().min(1).max(200));
export type ManifestMapping = z.infer<typeof ManifestMapping>;
/** A mapping as the user confirms it: column names are one line of text each. */
const ManifestMappingInput = z.partialRecord(
  ManifestField,
  PlainText('a column name', 200).min(1, 'a column name must not be empty'),
);

/** No file system takes NUL in a name; Node refuses such a path before it reaches the disk. */
const Path = z
  .string()
  .min(1, 'a path must not be empty')
  .max(4096, 'a path may be at most 4096 characters long')
  .refine((path) => !path.includes('\u0000'), 'a path must not contain NUL');

export const ImportRequest = z
  .object({
    /** Files and folders on this computer; folders are read recursively. */
    paths: z.array(Path).min(1, 'choose at least one file or folder').max(10_000),
    /** The manifest spreadsheet and how its columns map to fields; found in the folder when not given. */
    manifest: z.object({ path: Path, mapping: ManifestMappingInput.optional() }).strict().optional(),
    /** The user confirmed pairing `<name>_agent` / `<name>_caller` (or `_customer`) files into one stereo call. */
    pairLegs: z.boolean().default(false),
    /** Per transcript file, which raw speaker label is the agent, the customer or the system. */
    roles: z.record(Path, z.record(z.string().max(200), SegmentSpeaker)).default({}),
    /** Copy recordings into the data folder instead of playing them from where they are. */
    copyRecordings: z.boolean().default(false),
    /**
     * Reads details from file names (see shared/import/name-pattern). Left out: the pattern last used for
     * these folders; '' : none (and forget the remembered one when the import starts).
     */
    namePattern: PlainText('a file-name pattern', MAX_PATTERN_LENGTH, { trim: false }).optional(),
    /** The user's fixes: which recording (its file) a transcript joins, or null to keep it a transcript only. */
    transcriptMatches: z.record(Path, Path.nullable()).default({}),
  })
  .strict();
export type ImportRequest = z.input<typeof ImportRequest>;

/** What one chosen file becomes. */
export const planRoles = [
  /** A recording that becomes a call on its own. */
  'call',
  /** One leg of a two-leg call; `with` is the other leg. */
  'twoLegCall',
  /** Joins the call of the recording in `with`. */
  'transcript',
  /** No recording: a call to read. */
  'transcriptOnly',
  /** An RTTM read together with the STM in `with`. */
  'companion',
  /** A chat export: one chat per conversation in it. */
  'chats',
  'manifest',
  /** Not imported; `reason` says why. */
  'unrecognised',
] as const;
export const PlanRole = z.enum(planRoles);
export type PlanRole = z.infer<typeof PlanRole>;

/** Why a file is left out of the import. */
export const unrecognisedReasons = [
  'empty',
  /** A ZIP archive or Office document other than an .xlsx manifest. */
  'archive',
  /** Binary data that is not a recording Earmark can read. */
  'binary',
  /** JSON that is neither a transcript nor a chat export Earmark knows. */
  'json',
  /** Text that is not a transcript, chat export or table Earmark knows. */
  'text',
  /** A second manifest: one import reads one; `with` is the one it reads. */
  'extraManifest',
] as const;
export const UnrecognisedReason = z.enum(unrecognisedReasons);
export type UnrecognisedReason = z.infer<typeof UnrecognisedReason>;

/** The details an interaction gets from a manifest row or a file name. */
export const detailFields = [
  'agent',
  'team',
  'startedAt',
  'direction',
  'queue',
  'customerRef',
  'customerRating',
  'externalId',
] as const;
export const DetailField = z.enum(detailFields);
export type DetailField = z.infer<typeof DetailField>;

export const PlanItem = z.object({
  file: z.string(),
  becomes: PlanRole,
  /** See planRoles. */
  with: z.string().nullable(),
  /** Which leg of a two-leg call. */
  leg: z.enum(['agent', 'customer']).nullable(),
  /** How a transcript found its recording, or two legs each other. */
  matchedBy: z.enum(['name', 'hint', 'manifest', 'user']).nullable(),
  /** The title the interaction will have (calls and transcripts only; a chat export's chats have their own). */
  title: z.string().nullable(),
  /** Each detail with where it comes from; a manifest row wins over the file-name pattern. */
  details: z.partialRecord(
    DetailField,
    z.object({ value: z.string(), from: z.enum(['manifest', 'pattern']) }),
  ),
  /** How the file-name pattern read this file's name (null: no pattern, or not a file the pattern reads). */
  nameMatch: z.enum(['matched', 'unmatched', 'notADate']).nullable(),
  reason: UnrecognisedReason.nullable(),
  /** What is wrong with this file's details or match, in words (a pattern value that is not valid ...). */
  problem: z.string().nullable(),
});
export type PlanItem = z.infer<typeof PlanItem>;

export const ImportPlan = z.object({
  files: z.object({
    total: z.number().int(),
    audio: z.number().int(),
    transcripts: z.number().int(),
    chats: z.number().int(),
    manifests: z.number().int(),
    unknown: z.number().int(),
  }),
  /** Interactions-to-be: calls (with or without transcript, single file or paired legs) and chat files. */
  calls: z.number().int(),
  chatFiles: z.number().int(),
  /**
   * Manifest rows that name no chosen file but a recording already in the library (by its file name):
   * the import gives that interaction the row's details. Chosen files already in the library (same
   * content) are found while importing and get their row's details the same way.
   */
  detailUpdates: z.number().int(),
  legPairs: z.array(z.object({ agent: z.string(), customer: z.string() })),
  manifest: z
    .object({
      path: z.string(),
      columns: z.array(z.string()),
      mapping: ManifestMapping,
      /** True when the mapping is the one the user confirmed for these columns last time. */
      remembered: z.boolean(),
      sampleRows: z.array(z.record(z.string(), z.string())),
      errors: z.array(z.object({ row: z.number().int(), message: z.string() })),
    })
    .nullable(),
  roleQuestions: z.array(
    z.object({
      transcript: z.string(),
      speakers: z.array(
        z.object({ label: z.string(), suggested: SegmentSpeaker.nullable(), sample: z.string() }),
      ),
    }),
  ),
  problems: z.array(z.object({ file: z.string(), message: z.string() })),
  /** True when two-leg files are paired into one call. */
  pairLegs: z.boolean(),
  /** The file-name pattern in use, and how many names it read. */
  namePattern: z
    .object({
      pattern: z.string(),
      /** True when it is the pattern last used for these folders, not one given with the request. */
      remembered: z.boolean(),
      matched: z.number().int(),
      unmatched: z.number().int(),
    })
    .nullable(),
  /** Every chosen file, in the order found, with what it becomes. */
  items: z.array(PlanItem),
});
export type ImportPlan = z.infer<typeof ImportPlan>;

/** What an imported file's warnings are about. */
export const importWarningCodes = [
  /** Part of the audio was damaged and skipped (`damage` has the figures). */
  'damaged_audio',
  /** The file claims a longer (or shorter) length than it holds: it may be truncated. */
  'duration_mismatch',
  /** A transcript imported without a recording. */
  'no_recording',
  /** Speaker roles were guessed. */
  'roles_guessed',
  /** Something in the transcript (skipped lines, odd times ...). */
  'transcript',
] as const;
export const ImportWarning = z.object({
  code: z.enum(importWarningCodes),
  /** In English, for the command line and logs; the app words it from the code and figures. */
  message: z.string(),
  damage: AudioDamage.optional(),
});
export type ImportWarning = z.infer<typeof ImportWarning>;

export const ImportOutcome = z.object({
  file: z.string(),
  /** `updated`: already in the library; a manifest row gave it new details, and nothing else changed. */
  outcome: z.enum(['imported', 'updated', 'skipped', 'failed']),
  interactionIds: z.array(Id),
  /** Why it was skipped or failed; for an imported file, its warnings' messages joined. */
  message: z.string().nullable(),
  warnings: z.array(ImportWarning),
});
export type ImportOutcome = z.infer<typeof ImportOutcome>;

export const ImportProgress = z.object({
  batchId: Id,
  state: z.enum(['planning', 'running', 'done', 'cancelled', 'failed']),
  totalFiles: z.number().int(),
  doneFiles: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  currentFile: z.string().nullable(),
  /** The batch-level error when state is 'failed'. */
  message: z.string().nullable(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

/** What a team server offers the import screen instead of this computer's files. */
export const ServerFiles = z.object({
  /** The administrator's import folders (serve --team --import-folder), by name. */
  folders: z.array(z.object({ name: z.string(), path: z.string() })),
  /** The largest file an upload may be (serve --team --max-upload-size). */
  maxUploadBytes: z.number().int(),
});
export type ServerFiles = z.infer<typeof ServerFiles>;

/** One folder of an import folder, as the import screen browses it (path null: the import folders). */
export const FolderListing = z.object({
  path: z.string().nullable(),
  /** The folder above, while still inside an import folder; null at the top. */
  parent: z.string().nullable(),
  entries: z.array(
    z.object({ name: z.string(), path: z.string(), folder: z.boolean(), size: z.number().int().nullable() }),
  ),
  /** More entries than were listed. */
  more: z.boolean(),
});
export type FolderListing = z.infer<typeof FolderListing>;

export const importMethods = {
  'import.preview': method(ImportRequest, ImportPlan, { actor: 'none', activity: true }),
  'import.start': method(ImportRequest, z.object({ batchId: Id }), { actor: 'none', activity: true }),
  'import.cancel': method(z.object({ batchId: Id }).strict(), ImportProgress, {
    actor: 'none',
    activity: true,
  }),
  'import.status': method(
    z.object({ batchId: Id }).strict(),
    ImportProgress.extend({ outcomes: z.array(ImportOutcome) }),
    { actor: 'none', activity: false },
  ),
  /** Team server only: its import folders and upload limit. */
  'import.serverFiles': method(z.object({}).strict(), ServerFiles, { actor: 'none', activity: false }),
  /** Team server only: a folder inside its import folders (none: the folders themselves). */
  'import.browse': method(z.object({ path: Path.nullable().default(null) }).strict(), FolderListing, {
    actor: 'none',
    activity: true,
  }),
} as const;
