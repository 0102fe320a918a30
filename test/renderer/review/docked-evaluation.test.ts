import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { defaultShortcutBindings, shortcutProblems } from '../../../shared/api/methods/review';
import type { Answer } from '../../../shared/rubric/answers';
import type { RubricItem } from '../../../shared/rubric/schema';
import { actionForKeys, answerKeys } from '../../../renderer/src/features/evaluation/answer-keys';
import { itemAnnouncement } from '../../../renderer/src/features/evaluation/item-announcement';
import { dockFromSearch, searchWithDock } from '../../../renderer/src/features/review/dock/dock-url';
import {
  clampShare,
  DEFAULT_FORM_SHARE,
  FORM_MIN_PX,
  shareAfterKey,
  shareAtPointer,
  shareBounds,
  WORKSPACE_MIN_PX,
} from '../../../renderer/src/features/review/dock/split';
import { routeKey, type KeyContext } from '../../../renderer/src/features/shortcuts/key-routing';

const route = (keys: string, context: Partial<KeyContext> = {}) =>
  routeKey({ keys, place: 'form', docked: true, controlOwnsKey: false, ...context });

describe('who gets a key beside the docked form', () => {
  it('gives the score keys to the focused item, even where the player has the same key', () => {
    // N would be the next interaction, M pin a moment, G go to a time, 0-2 zoom and mute, ↑/↓ turns.
    for (const keys of ['Y', 'N', '0', '1', '2', '9', 'A', '.', 'C', 'M', 'G', 'ArrowUp', 'ArrowDown'])
      expect(route(keys), keys).toBe('form');
    for (const keys of ['Backspace', 'Delete', 'Home', 'End', 'Escape', 'Ctrl+Enter'])
      expect(route(keys), keys).toBe('form');
  });

  it('lets the player keys through from the item: Space, J/K/L, the arrows, speed and zoom', () => {
    for (const keys of ['Space', 'J', 'K', 'L', 'ArrowLeft', 'ArrowRight', 'Shift+ArrowLeft', '[', ']', '='])
      expect(route(keys), keys).toBe('review');
    for (const keys of ['+', '-', 'F', 'S', 'P', 'B', 'E', '?']) expect(route(keys), keys).toBe('review');
  });

  it('keeps J and K for moving between items on the form’s own page', () => {
    expect(route('J', { docked: false })).toBe('form');
    expect(route('K', { docked: false })).toBe('form');
    expect(actionForKeys('J', { docked: true })).toBeNull();
    expect(actionForKeys('J')).toBe('next');
  });

  it('sends every key to the player and the workspace when focus is outside the form', () => {
    for (const keys of ['N', 'M', '1', 'G', 'ArrowDown', 'Space'])
      expect(route(keys, { place: 'page' }), keys).toBe('review');
  });

  it('leaves typed keys to the text box, score keys in a comment included', () => {
    for (const keys of ['Y', 'N', 'Space', '1', 'J'])
      expect(route(keys, { controlOwnsKey: true }), keys).toBe('control');
  });

  it('documents a key in the form legend for every key the form claims', () => {
    const legend = new Set<string>(answerKeys.flatMap(({ keys }) => keys));
    for (const keys of ['Y', 'N', 'A', 'C', 'M', 'G', 'Escape', 'Ctrl+Enter'])
      expect(legend.has(keys), keys).toBe(true);
  });

  it('binds E to evaluating without clashing with any other shortcut', () => {
    const bindings = defaultShortcutBindings();
    expect(bindings.evaluate).toEqual(['E']);
    expect(shortcutProblems(bindings)).toEqual([]);
  });
});

describe('the docked form in the address', () => {
  it('reads and writes the dock and the evaluation, keeping other parameters', () => {
    expect(dockFromSearch(new URLSearchParams(''))).toEqual({ open: false, evaluationId: undefined });
    expect(dockFromSearch(new URLSearchParams('dock=evaluation'))).toEqual({
      open: true,
      evaluationId: undefined,
    });
    expect(dockFromSearch(new URLSearchParams('dock=evaluation&evaluation=12'))).toEqual({
      open: true,
      evaluationId: 12,
    });
    expect(dockFromSearch(new URLSearchParams('dock=evaluation&evaluation='))).toEqual({
      open: true,
      evaluationId: null,
    });
    expect(dockFromSearch(new URLSearchParams('dock=evaluation&evaluation=x'))).toEqual({
      open: true,
      evaluationId: null,
    });
    const search = new URLSearchParams('t=12');
    expect(searchWithDock(search, { open: true, evaluationId: 7 }).toString()).toBe(
      't=12&dock=evaluation&evaluation=7',
    );
    expect(
      searchWithDock(new URLSearchParams('t=12&dock=evaluation&evaluation=7'), {
        open: false,
        evaluationId: 7,
      }).toString(),
    ).toBe('t=12');
    for (const evaluationId of [undefined, null, 3]) {
      const written = searchWithDock(new URLSearchParams(), { open: true, evaluationId });
      expect(dockFromSearch(written)).toEqual({ open: true, evaluationId });
    }
  });
});

describe('the split between the call and the form', () => {
  it('keeps both sides usable at any width', () => {
    for (const width of [760, 900, 1048, 1400, 2400]) {
      const { min, max } = shareBounds(width);
      expect(min).toBeLessThanOrEqual(max);
      expect((min / 100) * width).toBeGreaterThanOrEqual(FORM_MIN_PX - 1);
      expect(((100 - max) / 100) * width).toBeGreaterThanOrEqual(WORKSPACE_MIN_PX - 1);
    }
    // Too narrow for both: an even compromise rather than an inverted range.
    const narrow = shareBounds(600);
    expect(narrow.min).toBe(narrow.max);
    expect(clampShare(DEFAULT_FORM_SHARE, shareBounds(1048))).toBe(DEFAULT_FORM_SHARE);
  });

  it('moves with the keys as a window splitter: ← widens the form, Home/End to the limits', () => {
    const bounds = shareBounds(1048);
    expect(shareAfterKey(40, 'ArrowLeft', bounds)).toBe(42);
    expect(shareAfterKey(40, 'ArrowRight', bounds)).toBe(38);
    expect(shareAfterKey(40, 'Shift+ArrowLeft', bounds)).toBe(50);
    expect(shareAfterKey(40, 'Home', bounds)).toBe(bounds.max);
    expect(shareAfterKey(40, 'End', bounds)).toBe(bounds.min);
    expect(shareAfterKey(bounds.min, 'ArrowRight', bounds)).toBe(bounds.min);
    expect(shareAfterKey(40, 'N', bounds)).toBeNull();
  });

  it('follows the pointer, the form being on the right', () => {
    const bounds = shareBounds(1000);
    expect(shareAtPointer(600, 0, 1000, bounds)).toBe(40);
    expect(shareAtPointer(300, 100, 1000, bounds)).toBe(bounds.max);
    expect(shareAtPointer(1090, 100, 1000, bounds)).toBe(bounds.min);
  });
});

describe('what the screen reader hears while scoring', () => {
  const t = ((key: string, values?: Record<string, unknown>) =>
    `${key}${values ? JSON.stringify(values) : ''}`) as unknown as TFunction;
  const items = [
    { id: 'tone', type: 'yesNo', title: 'Polite tone' },
    { id: 'listens', type: 'scale', max: 2, title: 'Listens' },
  ] as unknown as RubricItem[];
  const answers = new Map<string, Answer>([
    ['tone', { itemId: 'tone', value: { kind: 'no' }, comment: '', momentIds: [] }],
  ]);

  it('says the answer just given, that it needs a comment, and where focus went', () => {
    const text = itemAnnouncement({ at: 'listens', answered: 'tone' }, items, answers, ['tone'], t);
    expect(text).toBe(
      'evaluation.announce.answered{"title":"Polite tone","answer":"evaluation.answers.no"} ' +
        'evaluation.announce.commentNeeded ' +
        'evaluation.announce.item{"number":2,"total":2,"title":"Listens","answer":"evaluation.announce.unanswered"}',
    );
  });

  it('names the focused item alone when nothing was just answered', () => {
    expect(itemAnnouncement({ at: 'tone', answered: null }, items, answers, [], t)).toBe(
      'evaluation.announce.item{"number":1,"total":2,"title":"Polite tone","answer":"evaluation.answers.no"}',
    );
    expect(itemAnnouncement(null, items, answers, [], t)).toBe('');
  });
});
