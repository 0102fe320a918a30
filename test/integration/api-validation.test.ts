import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { methodNames } from '../../shared/api';
import { call, testBackend } from '../support/backend';

/** Payloads no method accepts: wrong shapes, unknown keys, absurd values. */
const malformed: unknown[] = [
  42,
  'library',
  [],
  [1, 2],
  true,
  { unexpectedField: 1 },
  { id: 'seven', recordingId: -1, limit: 1e9, language: 'klingon', kind: 'email', targetPeaks: 'many' },
];

let backend: Backend;
let cleanup: () => void;
beforeAll(async () => ({ backend, cleanup } = await testBackend()));
afterAll(() => cleanup());

describe('every API method refuses a malformed payload with a typed error', () => {
  for (const method of methodNames) {
    it(method, async () => {
      for (const payload of malformed) {
        const reply = await backend.dispatch(method, payload);
        expect(reply.ok, `${method} accepted ${JSON.stringify(payload)}`).toBe(false);
        if (!reply.ok) {
          expect(reply.error.code).toBe('invalid_params');
          expect(reply.error.message).toContain(method);
        }
      }
    });
  }
});

describe('dispatch', () => {
  it('names an unknown method', async () => {
    const reply = await backend.dispatch('library.drop', {});
    expect(reply).toEqual({
      ok: false,
      error: { code: 'unknown_method', message: 'There is no API method named "library.drop".' },
    });
  });

  it('does not treat inherited object keys as methods', async () => {
    const reply = await backend.dispatch('constructor', {});
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('unknown_method');
  });

  it('says which field is wrong', async () => {
    const reply = await backend.dispatch('library.list', { limit: 0 });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.message).toMatch(/limit/);
  });

  it('answers not_found for a missing interaction and recording', async () => {
    const interaction = await backend.dispatch('interaction.get', { id: 999 });
    const peaks = await backend.dispatch('recording.peaks', { recordingId: 999 });
    expect(interaction).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(peaks).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  // The two settings tests share a backend: each reads only its own setting, so either runs first.
  it('saves and reads the language setting, refusing unknown languages', async () => {
    const { evaluationPanelShare } = await call<{ evaluationPanelShare: number | null }>(
      backend,
      'settings.get',
    );
    expect(await backend.dispatch('settings.update', { language: 'fi' })).toEqual({
      ok: true,
      value: { language: 'fi', evaluationPanelShare },
    });
    const fi = { ok: true, value: { language: 'fi', evaluationPanelShare } };
    expect(await backend.dispatch('settings.get', {})).toEqual(fi);
    expect(await backend.dispatch('settings.update', { language: 'sv' })).toMatchObject({ ok: false });
    expect(await backend.dispatch('settings.get', {})).toEqual(fi);
  });

  it("remembers the docked evaluation form's width, refusing a share that leaves no room", async () => {
    expect(await backend.dispatch('settings.update', { evaluationPanelShare: 46 })).toMatchObject({
      ok: true,
      value: { evaluationPanelShare: 46 },
    });
    for (const bad of [95, 10, 40.5, '40']) {
      const reply = await backend.dispatch('settings.update', { evaluationPanelShare: bad });
      expect(reply).toMatchObject({ ok: false });
      if (!reply.ok) expect(reply.error.message).toMatch(/evaluationPanelShare/);
    }
    expect(await backend.dispatch('settings.get', {})).toMatchObject({
      ok: true,
      value: { evaluationPanelShare: 46 },
    });
    expect(await backend.dispatch('settings.update', { evaluationPanelShare: null })).toMatchObject({
      value: { evaluationPanelShare: null },
    });
  });
});
