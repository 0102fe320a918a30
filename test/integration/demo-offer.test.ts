import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { describeEachEngine, engineBackend } from '../support/engines';

/** The first-run offer of the demo data set, on either engine (loading it: demo.test.ts). */
let backend: Backend;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ backend, cleanup } = await engineBackend()));
afterEach(() => cleanup());

describeEachEngine('the demo offer', () => {
  it('is offered on first run and not after it is declined, even twice', async () => {
    expect(await backend.dispatch('demo.status', {})).toEqual({
      ok: true,
      value: { offer: true, loaded: false },
    });
    const declined = { ok: true, value: { offer: false, loaded: false } };
    expect(await backend.dispatch('demo.decline', {})).toEqual(declined);
    expect(await backend.dispatch('demo.decline', {})).toEqual(declined);
    expect(await backend.dispatch('demo.status', {})).toEqual(declined);
  });

  it('stays loaded when declined afterwards', async () => {
    await backend.database.query
      .insertInto('settings')
      .values({ key: 'demo.state', value: 'loaded' })
      .execute();
    expect(await backend.dispatch('demo.decline', {})).toEqual({
      ok: true,
      value: { offer: false, loaded: true },
    });
  });
});
