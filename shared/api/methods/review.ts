import { z } from 'zod';
import { Id, InteractionKind, LibraryFilters, LibrarySort, PlainText } from '../schemas';
import { method, NoParams } from './define';

/**
 * The review workspace's part of the contract: moments pinned to a call or chat, their tags, where the
 * reviewer left off, the neighbours of an interaction in a library view, peaks for a window of a long
 * recording, and the keyboard shortcuts (which actions exist, in which scope, their default keys), which
 * both the backend (to refuse clashes) and the renderer (to bind and explain them) need.
 */

// ---------------------------------------------------------------------------------------------------
// Tags and moments

/** Tags every installation has; the renderer shows them translated, reports can count them by key. */
export const builtinTags = [
  'interruption',
  'long_silence',
  'missed_empathy',
  'wrong_information',
  'rude',
  'exemplary',
] as const;
export const BuiltinTag = z.enum(builtinTags);
export type BuiltinTag = z.infer<typeof BuiltinTag>;

export const Tag = z.object({
  id: Id,
  /** Set for the built-in tags (shown translated); null for the reviewers' own tags. */
  builtin: BuiltinTag.nullable(),
  name: z.string(),
});
export type Tag = z.infer<typeof Tag>;

export const MAX_TAG_NAME_CHARS = 60;
/** Long enough for a paragraph of coaching notes on one moment; longer text belongs in the evaluation. */
export const MAX_COMMENT_CHARS = 10_000;
export const MAX_TAGS_PER_MOMENT = 20;
/** No recording we review lasts two days; a bigger offset is a bug or a hostile payload. */
const MAX_OFFSET_MS = 48 * 3600 * 1000;

const Offset = z.number().int().nonnegative().max(MAX_OFFSET_MS);
const TurnSeq = z.number().int().nonnegative().max(10_000_000);
const Comment = PlainText('a comment', MAX_COMMENT_CHARS, { multiline: true });
const TagIds = z
  .array(Id)
  .max(MAX_TAGS_PER_MOMENT, `a moment has at most ${MAX_TAGS_PER_MOMENT} tags`)
  .refine((ids) => new Set(ids).size === ids.length, 'a tag is listed twice');

/**
 * A point (`endMs` null) or a range in a recording, or one turn of a transcript or chat, with the
 * reviewer's comment and tags. Chat moments have a turn and no offsets.
 */
export const Moment = z.object({
  id: Id,
  interactionId: Id,
  startMs: Offset.nullable(),
  endMs: Offset.nullable(),
  turnSeq: TurnSeq.nullable(),
  comment: z.string(),
  tagIds: z.array(Id),
  /** The reviewer who pinned it; null until reviewer profiles exist. */
  authorId: Id.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Moment = z.infer<typeof Moment>;

const NewMoment = z
  .object({
    interactionId: Id,
    startMs: Offset.optional(),
    endMs: Offset.optional(),
    turnSeq: TurnSeq.optional(),
    comment: Comment.default(''),
    tagIds: TagIds.default([]),
  })
  .strict()
  .superRefine((moment, ctx) => {
    if (moment.startMs === undefined && moment.turnSeq === undefined)
      ctx.addIssue({ code: 'custom', path: ['startMs'], message: 'a moment needs a start time or a turn' });
    if (moment.endMs !== undefined && moment.startMs === undefined)
      ctx.addIssue({ code: 'custom', path: ['endMs'], message: 'a moment with an end needs a start' });
    if (moment.endMs !== undefined && moment.startMs !== undefined && moment.endMs < moment.startMs)
      ctx.addIssue({
        code: 'custom',
        path: ['endMs'],
        message: 'the end of a moment cannot be before its start',
      });
  });
export type NewMoment = z.input<typeof NewMoment>;

const MomentChanges = z
  .object({
    id: Id,
    startMs: Offset.optional(),
    /** null turns a range back into a point. */
    endMs: Offset.nullable().optional(),
    comment: Comment.optional(),
    tagIds: TagIds.optional(),
  })
  .strict();
export type MomentChanges = z.input<typeof MomentChanges>;

// ---------------------------------------------------------------------------------------------------
// Playback, neighbours, peaks

export const PlaybackPosition = z.object({
  interactionId: Id,
  /** Where the reviewer left off; null when the interaction was never played. */
  positionMs: Offset.nullable(),
  updatedAt: z.string().nullable(),
});
export type PlaybackPosition = z.infer<typeof PlaybackPosition>;

const Neighbour = z.object({ id: Id, kind: InteractionKind, title: z.string() });
export const Neighbours = z.object({
  /** 1-based place of the interaction in the view; null when the view's filters leave it out. */
  position: z.number().int().positive().nullable(),
  total: z.number().int().nonnegative(),
  previous: Neighbour.nullable(),
  next: Neighbour.nullable(),
});
export type Neighbours = z.infer<typeof Neighbours>;

/**
 * Loudness of a window of a recording: one value per peak and channel, the larger of |min| and |max|
 * (0..1, three decimals: more than a waveform lane can show). Peak `i` covers frames
 * `(firstPeak + i) * samplesPerPeak` onwards.
 */
export const PeaksWindow = z.object({
  recordingId: Id,
  sampleRate: z.number().int().positive(),
  durationMs: z.number().int().nonnegative(),
  samplesPerPeak: z.number().int().positive(),
  firstPeak: z.number().int().nonnegative(),
  /** Loudness 0..1 per channel; no channels at all when the recording has no peaks stored (yet). */
  channels: z.array(z.array(z.number().min(0).max(1))),
});
export type PeaksWindow = z.infer<typeof PeaksWindow>;

export const MAX_WINDOW_PEAKS = 20_000;

// ---------------------------------------------------------------------------------------------------
// Keyboard shortcuts

/** Where a shortcut works: everywhere in the app, or on the review workspace of an interaction. */
export const shortcutScopes = ['global', 'review'] as const;
export type ShortcutScope = (typeof shortcutScopes)[number];

interface ShortcutDefinition {
  scope: ShortcutScope;
  /** Default keys, in the canonical form of `normalizeKeys`. */
  keys: readonly string[];
  /** Holding the key repeats the action (seeking, speed, zoom); toggles never repeat. */
  repeats?: boolean;
}

/**
 * Every action that has a shortcut. Defaults follow media-player habits (space, J/K/L, arrows) and keep
 * away from keys the browser or the OS own. The description is the i18n key `shortcuts.actions.<id>`.
 */
export const shortcutCatalogue = {
  help: { scope: 'global', keys: ['?'] },
  playPause: { scope: 'review', keys: ['Space', 'K'] },
  back5: { scope: 'review', keys: ['ArrowLeft', 'J'], repeats: true },
  forward5: { scope: 'review', keys: ['ArrowRight', 'L'], repeats: true },
  back15: { scope: 'review', keys: ['Shift+ArrowLeft', 'Shift+J'], repeats: true },
  forward15: { scope: 'review', keys: ['Shift+ArrowRight', 'Shift+L'], repeats: true },
  goToTime: { scope: 'review', keys: ['G'] },
  previousTurn: { scope: 'review', keys: ['ArrowUp'], repeats: true },
  nextTurn: { scope: 'review', keys: ['ArrowDown'], repeats: true },
  slower: { scope: 'review', keys: ['['], repeats: true },
  faster: { scope: 'review', keys: [']'], repeats: true },
  normalSpeed: { scope: 'review', keys: ['='] },
  zoomIn: { scope: 'review', keys: ['+'], repeats: true },
  zoomOut: { scope: 'review', keys: ['-'], repeats: true },
  zoomFit: { scope: 'review', keys: ['0'] },
  addMoment: { scope: 'review', keys: ['M'] },
  followPlayback: { scope: 'review', keys: ['F'] },
  searchTranscript: { scope: 'review', keys: ['/'] },
  skipSilences: { scope: 'review', keys: ['S'] },
  toggleAgent: { scope: 'review', keys: ['1'] },
  toggleCustomer: { scope: 'review', keys: ['2'] },
  nextInteraction: { scope: 'review', keys: ['N'] },
  previousInteraction: { scope: 'review', keys: ['P'] },
  backToLibrary: { scope: 'review', keys: ['B'] },
  evaluate: { scope: 'review', keys: ['E'] },
} as const satisfies Record<string, ShortcutDefinition>;

export type ShortcutId = keyof typeof shortcutCatalogue;
export const shortcutIds = Object.keys(shortcutCatalogue) as ShortcutId[];

/** One action's definition, widened so optional fields can be read on any action. */
export const shortcutDefinition = (id: ShortcutId): ShortcutDefinition => shortcutCatalogue[id];
export const ShortcutIdSchema = z.enum(shortcutIds as [ShortcutId, ...ShortcutId[]]);
export type ShortcutBindings = Record<ShortcutId, string[]>;

export const MAX_KEYS_PER_SHORTCUT = 3;

const MODIFIERS = ['Ctrl', 'Alt', 'Shift', 'Meta'] as const;
const NAMED_KEYS = new Set([
  'Space',
  'Enter',
  'Escape',
  'Tab',
  'Backspace',
  'Delete',
  'Insert',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  ...Array.from({ length: 12 }, (_, i) => `F${i + 1}`),
]);

/** What `keysFromEvent` reads from a KeyboardEvent; a plain object so shared/ needs no DOM types. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

/**
 * A key press as a canonical string: modifiers in the order Ctrl, Alt, Shift, Meta, then the key.
 * Letters are upper case; Shift is kept for letters and named keys but dropped for other characters,
 * whose Shift is part of the keyboard layout ("?" is Shift+/ in the US and Shift+ß in Germany).
 * Null for a lone modifier or a dead key.
 */
export function keysFromEvent(press: KeyPress): string | null {
  let key = press.key === ' ' ? 'Space' : press.key;
  if (key === 'Spacebar') key = 'Space';
  if (['Control', 'Alt', 'Shift', 'Meta', 'AltGraph', 'OS', 'Dead', 'Unidentified', 'Process'].includes(key))
    return null;
  const named = NAMED_KEYS.has(key);
  if (!named && [...key].length !== 1) return null;
  const letter = !named && /^\p{L}$/u.test(key);
  if (letter) key = key.toLocaleUpperCase('en');
  const modifiers: string[] = [];
  if (press.ctrlKey) modifiers.push('Ctrl');
  if (press.altKey) modifiers.push('Alt');
  if (press.shiftKey && (named || letter)) modifiers.push('Shift');
  if (press.metaKey) modifiers.push('Meta');
  return [...modifiers, key].join('+');
}

/** Splits `"Ctrl+Shift+K"` into its key and modifiers; `"+"` and `"Ctrl++"` name the plus key. */
export function splitKeys(text: string): { key: string; modifiers: string[] } {
  if (text === '+' || text.endsWith('++')) {
    const rest = text.slice(0, -2);
    return { key: '+', modifiers: rest === '' ? [] : rest.split('+') };
  }
  const split = text.lastIndexOf('+');
  return { key: text.slice(split + 1), modifiers: split < 0 ? [] : text.slice(0, split).split('+') };
}

/** Parses `"shift+arrowleft"`-like text into the canonical form of `keysFromEvent`; null when malformed. */
export function normalizeKeys(text: string): string | null {
  const split = splitKeys(text.trim());
  const key = split.key.trim();
  const modifiers = split.modifiers;
  if (key === '') return null;
  const press: KeyPress = { key, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false };
  for (const part of modifiers) {
    const modifier = MODIFIERS.find((m) => m.toLowerCase() === part.trim().toLowerCase());
    if (!modifier) return null;
    press[`${modifier.toLowerCase() as 'ctrl' | 'alt' | 'shift' | 'meta'}Key`] = true;
  }
  const named = [...NAMED_KEYS].find((k) => k.toLowerCase() === key.toLowerCase());
  if (named) press.key = named;
  return keysFromEvent(press);
}

/**
 * Keys the operating system or the browser already own, with why: binding them would close the window,
 * reload the page, move focus or break text editing. A null answer means the keys are free to use.
 */
export function reservedReason(keys: string): 'browser' | 'system' | 'focus' | 'editing' | null {
  const { key, modifiers } = splitKeys(keys);
  const has = (m: string) => modifiers.includes(m);
  const ctrlOrMeta = has('Ctrl') || has('Meta');
  if (key === 'Tab' || key === 'Escape') return 'focus';
  if (['F1', 'F3', 'F5', 'F6', 'F7', 'F11', 'F12'].includes(key)) return 'browser';
  if (has('Alt') && ['F4', 'ArrowLeft', 'ArrowRight', 'Home', 'Space'].includes(key)) return 'system';
  if (has('Meta') && ['Q', 'W', 'H', 'M', 'Space', 'Tab'].includes(key)) return 'system';
  if (ctrlOrMeta && ['C', 'V', 'X', 'A', 'Z', 'Y'].includes(key)) return 'editing';
  if (ctrlOrMeta && /^[WTNLRQFGPSOHJDUIKE]$/.test(key)) return 'browser';
  if (ctrlOrMeta && (/^\d$/.test(key) || ['+', '-', '=', 'PageUp', 'PageDown', 'Space'].includes(key)))
    return 'browser';
  return null;
}

export type ShortcutProblem =
  | { kind: 'invalid'; id: ShortcutId; keys: string }
  | { kind: 'reserved'; id: ShortcutId; keys: string; reason: NonNullable<ReturnType<typeof reservedReason>> }
  | { kind: 'conflict'; id: ShortcutId; keys: string; other: ShortcutId };

const overlaps = (a: ShortcutScope, b: ShortcutScope) => a === b || a === 'global' || b === 'global';

/** Everything wrong with a full set of bindings: malformed keys, reserved keys, one key for two actions. */
export function shortcutProblems(bindings: ShortcutBindings): ShortcutProblem[] {
  const problems: ShortcutProblem[] = [];
  const seen: { keys: string; id: ShortcutId }[] = [];
  for (const id of shortcutIds) {
    for (const keys of bindings[id]) {
      if (normalizeKeys(keys) !== keys) {
        problems.push({ kind: 'invalid', id, keys });
        continue;
      }
      const reason = reservedReason(keys);
      if (reason) problems.push({ kind: 'reserved', id, keys, reason });
      const clash = seen.find(
        (other) =>
          other.keys === keys &&
          other.id !== id &&
          overlaps(shortcutCatalogue[other.id].scope, shortcutCatalogue[id].scope),
      );
      if (clash) problems.push({ kind: 'conflict', id, keys, other: clash.id });
      seen.push({ keys, id });
    }
  }
  return problems;
}

export function defaultShortcutBindings(): ShortcutBindings {
  return Object.fromEntries(
    shortcutIds.map((id) => [id, [...shortcutCatalogue[id].keys]]),
  ) as ShortcutBindings;
}

const Keys = z
  .array(z.string().min(1).max(40))
  .max(MAX_KEYS_PER_SHORTCUT, `a shortcut has at most ${MAX_KEYS_PER_SHORTCUT} keys`);

export const ShortcutSettings = z.object({
  bindings: z.record(ShortcutIdSchema, z.array(z.string())),
  /** The actions whose keys the user changed. */
  customized: z.array(ShortcutIdSchema),
});
export type ShortcutSettings = z.infer<typeof ShortcutSettings>;

// ---------------------------------------------------------------------------------------------------
// Methods

export const reviewMethods = {
  'moment.list': method(z.object({ interactionId: Id }).strict(), z.array(Moment), {
    actor: 'none',
    activity: true,
  }),
  'moment.create': method(NewMoment, Moment, { actor: 'optional', activity: true }),
  'moment.update': method(MomentChanges, Moment, { actor: 'optional', activity: true }),
  'moment.delete': method(z.object({ id: Id }).strict(), z.object({ id: Id }), {
    actor: 'optional',
    activity: true,
  }),
  /** Undo of a delete within a few minutes: the same moment, tags and links; its id if still free. */
  'moment.restore': method(z.object({ id: Id }).strict(), Moment, { actor: 'optional', activity: true }),

  'tag.list': method(NoParams, z.array(Tag), { actor: 'none', activity: true }),
  /** Returns the existing tag when one of that name (ignoring case) is there already. */
  'tag.create': method(
    z
      .object({
        name: PlainText('a tag name', MAX_TAG_NAME_CHARS).min(1, 'a tag needs a name'),
      })
      .strict(),
    Tag,
    { actor: 'none', activity: true },
  ),

  'playback.get': method(z.object({ interactionId: Id }).strict(), PlaybackPosition, {
    actor: 'none',
    activity: true,
  }),
  'playback.save': method(z.object({ interactionId: Id, positionMs: Offset }).strict(), PlaybackPosition, {
    actor: 'none',
    activity: false,
  }),

  /** The interactions before and after one in a library view (its filters and sort), for next/previous. */
  'library.neighbours': method(
    z
      .object({
        id: Id,
        filters: LibraryFilters.default({}),
        sort: LibrarySort.optional(),
        order: z.enum(['asc', 'desc']).default('desc'),
      })
      .strict(),
    Neighbours,
    { actor: 'none', activity: true },
  ),

  /** Peaks for part of a recording, so zooming into a long call fetches only what is on screen. */
  'recording.peaksWindow': method(
    z
      .object({
        recordingId: Id,
        fromMs: Offset,
        toMs: Offset,
        /** Roughly how many peaks the caller wants across the window (one per pixel is plenty). */
        targetPeaks: z.number().int().min(10).max(MAX_WINDOW_PEAKS),
      })
      .strict()
      .refine((window) => window.toMs > window.fromMs, {
        path: ['toMs'],
        message: 'the end of the window must come after its start',
      }),
    PeaksWindow,
    { actor: 'none', activity: true },
  ),

  'shortcuts.get': method(NoParams, ShortcutSettings, { actor: 'none', activity: false }),
  /** Changes the keys of some actions; refused as a whole when a key is malformed, reserved or taken. */
  'shortcuts.update': method(
    z.object({ bindings: z.partialRecord(ShortcutIdSchema, Keys) }).strict(),
    ShortcutSettings,
    { actor: 'none', activity: true },
  ),
  /** Puts the given actions (all when none are given) back on their default keys. */
  'shortcuts.reset': method(
    z.object({ ids: z.array(ShortcutIdSchema).optional() }).strict(),
    ShortcutSettings,
    { actor: 'none', activity: true },
  ),
} as const;
