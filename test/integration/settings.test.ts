import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { migrations, postgresMigrations } from '../../electron/backend/db/migrations';
import { describeEachEngine, engineBackend } from '../support/engines';

/** The first service area on the query layer (app.info, settings): the same answers on both engines. */
let backend: Backend;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ backend, cleanup } = await engineBackend()));
afterAll(() => cleanup());

describeEachEngine('settings and app info', (engine) => {
  it('says which schema the database is at', async () => {
    const latest = (engine === 'postgres' ? postgresMigrations : migrations).at(-1)!.version;
    expect(await backend.dispatch('app.info', {})).toMatchObject({
      ok: true,
      value: { schemaVersion: latest, version: '0.0.0-test' },
    });
  });

  it('starts with nothing chosen', async () => {
    const fresh = await engineBackend();
    try {
      expect(await fresh.backend.dispatch('settings.get', {})).toEqual({
        ok: true,
        value: { language: null, evaluationPanelShare: null },
      });
    } finally {
      await fresh.cleanup();
    }
  });

  it('keeps what is set, changes only what is given, and clears with null', async () => {
    const both = { language: 'fi', evaluationPanelShare: 46 };
    expect(await backend.dispatch('settings.update', both)).toEqual({ ok: true, value: both });
    expect(await backend.dispatch('settings.update', { language: 'de' })).toEqual({
      ok: true,
      value: { language: 'de', evaluationPanelShare: 46 },
    });
    expect(await backend.dispatch('settings.get', {})).toEqual({
      ok: true,
      value: { language: 'de', evaluationPanelShare: 46 },
    });
    expect(await backend.dispatch('settings.update', { evaluationPanelShare: null })).toEqual({
      ok: true,
      value: { language: 'de', evaluationPanelShare: null },
    });
  });

  it('refuses a bad value whole, naming it, and keeps what was stored', async () => {
    const stored = { language: 'de', evaluationPanelShare: null };
    expect(await backend.dispatch('settings.update', stored)).toEqual({ ok: true, value: stored });
    const reply = await backend.dispatch('settings.update', { language: 'sv', evaluationPanelShare: 50 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect(reply.ok ? '' : reply.error.message).toMatch(/language/);
    expect(await backend.dispatch('settings.get', {})).toEqual({ ok: true, value: stored });
  });

  it(
    engine === 'postgres'
      ? 'refuses the workstation-only connection with "unavailable", should anything still reach for it'
      : 'shares one connection between the query layer and the workstation database',
    async () => {
      expect(await backend.dispatch('settings.update', { language: 'fi' })).toMatchObject({ ok: true });
      if (engine === 'postgres') {
        // Every service is on the query layer; this guard stays for code that still says ctx.db.
        expect(() => backend.db.prepare('SELECT 1')).toThrow(/does not run on PostgreSQL yet/);
        expect(await backend.dispatch('settings.get', {})).toMatchObject({ ok: true });
      } else {
        expect(backend.db.prepare(`SELECT value FROM settings WHERE key = 'language'`).get()).toEqual({
          value: 'fi',
        });
      }
    },
  );
});
