import { describe, expect, it } from 'vitest';
import {
  defaultShortcutBindings,
  keysFromEvent,
  normalizeKeys,
  reservedReason,
  shortcutCatalogue,
  shortcutIds,
  shortcutProblems,
} from '../../../shared/api/methods/review';

const press = (
  key: string,
  mods: Partial<Record<'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey', boolean>> = {},
) => keysFromEvent({ key, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods });

describe('key presses in canonical form', () => {
  it('names letters in upper case and keeps Shift for them', () => {
    expect(press('j')).toBe('J');
    expect(press('J', { shiftKey: true })).toBe('Shift+J');
    expect(press('ä')).toBe('Ä');
  });

  it('drops Shift for characters the layout shifts, so ? is ? on every keyboard', () => {
    expect(press('?', { shiftKey: true })).toBe('?');
    expect(press('+', { shiftKey: true })).toBe('+');
    expect(press('[')).toBe('[');
  });

  it('keeps Shift and the other modifiers for named keys, in a fixed order', () => {
    expect(press(' ')).toBe('Space');
    expect(press('ArrowLeft', { shiftKey: true })).toBe('Shift+ArrowLeft');
    expect(press('w', { metaKey: true, ctrlKey: true, altKey: true })).toBe('Ctrl+Alt+Meta+W');
  });

  it('ignores a lone modifier and dead keys', () => {
    expect(press('Shift', { shiftKey: true })).toBeNull();
    expect(press('Dead')).toBeNull();
    expect(press('Unidentified')).toBeNull();
  });

  it('parses what people type into settings, and refuses nonsense', () => {
    expect(normalizeKeys('shift+arrowleft')).toBe('Shift+ArrowLeft');
    expect(normalizeKeys(' ctrl + k ')).toBe('Ctrl+K');
    expect(normalizeKeys('space')).toBe('Space');
    expect(normalizeKeys('+')).toBe('+');
    expect(normalizeKeys('Ctrl++')).toBe('Ctrl++');
    expect(normalizeKeys('Hyper+K')).toBeNull();
    expect(normalizeKeys('Ctrl+')).toBeNull();
    expect(normalizeKeys('')).toBeNull();
    expect(normalizeKeys('JK')).toBeNull();
  });
});

describe('keys the browser and the system own', () => {
  it.each([
    'Ctrl+W',
    'Ctrl+T',
    'Ctrl+N',
    'Ctrl+L',
    'Ctrl+R',
    'Ctrl+Shift+T',
    'Meta+Q',
    'Meta+W',
    'F5',
    'Ctrl+F5',
    'F12',
    'Alt+F4',
    'Alt+ArrowLeft',
    'Ctrl+Tab',
    'Ctrl+1',
    'Ctrl+PageDown',
    'Ctrl+C',
    'Tab',
    'Escape',
  ])('%s is reserved', (keys) => expect(reservedReason(keys)).not.toBeNull());

  it.each(['Space', 'K', 'Shift+J', 'ArrowLeft', '?', 'Alt+ArrowUp', 'Ctrl+B', 'Insert', 'F8'])(
    '%s is free',
    (keys) => expect(reservedReason(keys)).toBeNull(),
  );
});

describe('the default shortcuts', () => {
  it('are valid, free and without clashes', () => {
    expect(shortcutProblems(defaultShortcutBindings())).toEqual([]);
  });

  it('follow media-player habits', () => {
    const defaults = defaultShortcutBindings();
    expect(defaults.playPause).toEqual(['Space', 'K']);
    expect(defaults.back5).toContain('ArrowLeft');
    expect(defaults.forward15).toContain('Shift+ArrowRight');
    expect(defaults.addMoment).toEqual(['M']);
    expect(defaults.help).toEqual(['?']);
  });

  it('report a clash within a scope, and one with a global shortcut', () => {
    const clash = { ...defaultShortcutBindings(), nextInteraction: ['K'] };
    expect(shortcutProblems(clash)).toEqual([
      { kind: 'conflict', id: 'nextInteraction', keys: 'K', other: 'playPause' },
    ]);
    const global = { ...defaultShortcutBindings(), zoomIn: ['?'] };
    expect(shortcutProblems(global).map((p) => p.kind)).toEqual(['conflict']);
  });

  it('each have a scope and canonical keys', () => {
    for (const id of shortcutIds) {
      for (const keys of shortcutCatalogue[id].keys) expect(normalizeKeys(keys), `${id} ${keys}`).toBe(keys);
    }
  });
});
