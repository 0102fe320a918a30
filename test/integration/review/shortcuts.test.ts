import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import { defaultShortcutBindings, type ShortcutSettings } from '../../../shared/api/methods/review';
import { call } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';

let backend: Backend;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ backend, cleanup } = await engineBackend()));
afterAll(() => cleanup());
// Each test starts from the defaults, whatever the one before it changed.
beforeEach(() => call(backend, 'shortcuts.reset', {}));

const get = () => call<ShortcutSettings>(backend, 'shortcuts.get');
const update = (bindings: object) => backend.dispatch('shortcuts.update', { bindings });

describeEachEngine('keyboard shortcut settings', () => {
  it('start on the defaults, with nothing customized', async () => {
    expect(await get()).toEqual({ bindings: defaultShortcutBindings(), customized: [] });
  });

  it('store a change in canonical form and survive a read', async () => {
    const reply = await update({ addMoment: ['shift+m', 'Insert'] });
    expect(reply).toMatchObject({ ok: true });
    const settings = await get();
    expect(settings.bindings.addMoment).toEqual(['Shift+M', 'Insert']);
    expect(settings.customized).toEqual(['addMoment']);
    expect(settings.bindings.playPause).toEqual(defaultShortcutBindings().playPause);
  });

  it('refuse a key another action in an overlapping scope already has, naming both', async () => {
    expect(await update({ addMoment: ['Shift+M'] })).toMatchObject({ ok: true });
    const reply = await update({ nextInteraction: ['K'] });
    expect(reply).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(reply.ok ? '' : reply.error.message).toMatch(/bindings\.nextInteraction.*K.*playPause/);
    // `?` is global, so no review shortcut may take it either.
    expect(await update({ zoomIn: ['?'] })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await get()).bindings.nextInteraction).toEqual(['N']);
  });

  it('refuse keys the browser or the operating system own', async () => {
    for (const keys of [
      'Ctrl+W',
      'ctrl+t',
      'Ctrl+N',
      'Ctrl+L',
      'Ctrl+R',
      'F5',
      'Alt+F4',
      'Meta+Q',
      'Ctrl+Tab',
      'Tab',
    ]) {
      const reply = await update({ playPause: [keys] });
      expect(reply, keys).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
      expect(reply.ok ? '' : reply.error.message).toMatch(/bindings\.playPause/);
    }
    expect((await get()).bindings.playPause).toEqual(defaultShortcutBindings().playPause);
  });

  it('refuse malformed keys, unknown actions and too many keys', async () => {
    expect(await update({ playPause: ['Hyper+K'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params' },
    });
    expect(await update({ playPause: ['Ctrl+'] })).toMatchObject({ ok: false });
    expect(await update({ launchRockets: ['R'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params' },
    });
    expect(await update({ playPause: ['1', '2', '3', '4'] })).toMatchObject({ ok: false });
  });

  it('let an action be unbound, and a freed key be taken', async () => {
    expect(await update({ skipSilences: [] })).toMatchObject({ ok: true });
    expect(await update({ followPlayback: ['S'] })).toMatchObject({ ok: true });
    const settings = await get();
    expect(settings.bindings.skipSilences).toEqual([]);
    expect(settings.bindings.followPlayback).toEqual(['S']);
  });

  it('reset some or all actions, refusing a reset that would clash', async () => {
    await update({ addMoment: ['Insert'] });
    await update({ skipSilences: [] });
    await update({ followPlayback: ['S'] });
    // skipSilences' default S is now followPlayback's: resetting it alone would clash.
    const clash = await backend.dispatch('shortcuts.reset', { ids: ['skipSilences'] });
    expect(clash).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const some = await call<ShortcutSettings>(backend, 'shortcuts.reset', { ids: ['addMoment'] });
    expect(some.bindings.addMoment).toEqual(['M']);
    expect(some.customized).not.toContain('addMoment');
    expect(await call<ShortcutSettings>(backend, 'shortcuts.reset', {})).toEqual({
      bindings: defaultShortcutBindings(),
      customized: [],
    });
  });

  it('forget a change that puts an action back on its defaults', async () => {
    await update({ help: ['H'] });
    await update({ help: ['?'] });
    expect((await get()).customized).toEqual([]);
  });
});
