import { z } from 'zod';
import { Id, SegmentSpeaker } from '../schemas';
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
  'externalId',
  'title',
  'channel',
] as const;
export const ManifestField = z.enum(manifestFields);
export type ManifestField = z.infer<typeof ManifestField>;
export const ManifestMapping = z.partialRecord(ManifestField, z.string().min(1).max(200));
export type ManifestMapping = z.infer<typeof ManifestMapping>;

const Path = z.string().min(1, 'a path must not be empty').max(4096);

export const ImportRequest = z
  .object({
    /** Files and folders on this computer; folders are read recursively. */
    paths: z.array(Path).min(1, 'choose at least one file or folder').max(10_000),
    /** The manifest spreadsheet and how its columns map to fields; found in the folder when not given. */
    manifest: z.object({ path: Path, mapping: ManifestMapping.optional() }).strict().optional(),
    /** The user confirmed pairing `<name>_agent` / `<name>_caller` (or `_customer`) files into one stereo call. */
    pairLegs: z.boolean().default(false),
    /** Per transcript file, which raw speaker label is the agent, the customer or the system. */
    roles: z.record(Path, z.record(z.string().max(200), SegmentSpeaker)).default({}),
    /** Copy recordings into the data folder instead of playing them from where they are. */
    copyRecordings: z.boolean().default(false),
  })
  .strict();
export type ImportRequest = z.input<typeof ImportRequest>;

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
  unknownFiles: z.array(z.string()),
  problems: z.array(z.object({ file: z.string(), message: z.string() })),
});
export type ImportPlan = z.infer<typeof ImportPlan>;

export const ImportOutcome = z.object({
  file: z.string(),
  outcome: z.enum(['imported', 'skipped', 'failed']),
  interactionIds: z.array(Id),
  message: z.string().nullable(),
});
export type ImportOutcome = z.infer<typeof ImportOutcome>;

export const ImportProgress = z.object({
  batchId: Id,
  state: z.enum(['planning', 'running', 'done', 'cancelled', 'failed']),
  totalFiles: z.number().int(),
  doneFiles: z.number().int(),
  imported: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  currentFile: z.string().nullable(),
  /** The batch-level error when state is 'failed'. */
  message: z.string().nullable(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const importMethods = {
  'import.preview': method(ImportRequest, ImportPlan),
  'import.start': method(ImportRequest, z.object({ batchId: Id })),
  'import.cancel': method(z.object({ batchId: Id }).strict(), ImportProgress),
  'import.status': method(
    z.object({ batchId: Id }).strict(),
    ImportProgress.extend({ outcomes: z.array(ImportOutcome) }),
  ),
} as const;
