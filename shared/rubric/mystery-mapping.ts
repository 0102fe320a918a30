import { z } from 'zod';

/**
 * MAPPING.json for a mystery-shop spreadsheet (the CLI reads it; the UI's mapping step saves and loads
 * the same file):
 *
 *   { "rubric": "mystery-call" | "<rubric key>" | <rubric id>,
 *     "language": "en",             optional: which language of a built-in checklist (default en)
 *     "wave": "Wave 1/2025",        optional: the wave every row belongs to
 *     "dateOrder": "dmy" | "mdy",   optional: how to read 3/4/2025 (needed only where both could be)
 *     "columns": { "<header>": "<target>" },
 *     "values": { "<target>": { "<cell text>": "<option id or yes|no|na>" } } }
 *
 * Targets: shopId, date, time, occurredAt, team, agent, channel, scenario, answeredBy, evidenceFile,
 * notes, extra, ignore, item:<item id>, and comment:<item id> (the comment an item needs on a fail).
 * A column the mapping does not name is kept as an extra detail.
 */

export const plainTargets = [
  'shopId',
  'date',
  'time',
  'occurredAt',
  'team',
  'agent',
  'channel',
  'scenario',
  'answeredBy',
  'evidenceFile',
  'notes',
  'extra',
  'ignore',
] as const;
export type PlainTarget = (typeof plainTargets)[number];

const Target = z
  .string()
  .refine((t) => (plainTargets as readonly string[]).includes(t) || /^(item|comment):.+$/.test(t), {
    error: (issue) =>
      `unknown target ${JSON.stringify(issue.input)} (expected one of ${plainTargets.join(', ')}, item:<item id> or comment:<item id>)`,
  });

export const MysteryMapping = z.strictObject({
  rubric: z.union([z.string().min(1), z.number().int().positive()]),
  language: z.string().min(2).max(10).default('en'),
  wave: z.string().max(200).default(''),
  dateOrder: z.enum(['dmy', 'mdy']).optional(),
  columns: z.record(z.string(), Target),
  values: z.record(z.string(), z.record(z.string(), z.string())).default({}),
});
export type MysteryMapping = z.output<typeof MysteryMapping>;

/**
 * The most a MAPPING.json sent from a browser may weigh. A real one is a few kilobytes (a name per
 * column, a few value words); the bound keeps the request under the host's body limit even with every
 * character escaped, and turns a wrong file picked by mistake into a named refusal.
 */
export const MAPPING_FILE_MAX_BYTES = 256 * 1024;

/** MAPPING.json as written for the command line and downloaded from a team server: one format. */
export const mappingFileText = (mapping: MysteryMapping) => `${JSON.stringify(mapping, null, 2)}\n`;
