import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import { builtinTags, type PlaybackPosition, type Tag } from '../../../shared/api/methods/review';
import { call } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { seedChat } from './seed';

let backend: Backend;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ backend, cleanup } = await engineBackend()));
afterAll(() => cleanup());

const error = async (method: string, params: unknown) => {
  const reply = await backend.dispatch(method, params);
  if (reply.ok) throw new Error(`${method} accepted ${JSON.stringify(params)}`);
  return reply.error;
};

describeEachEngine('tags', () => {
  it('ships the built-in tags, first and in a fixed order', async () => {
    const tags = await call<Tag[]>(backend, 'tag.list');
    expect(tags.slice(0, builtinTags.length).map((tag) => tag.builtin)).toEqual([...builtinTags]);
  });

  it('creates a reviewer tag once, whatever the case it is typed in', async () => {
    const first = await call<Tag>(backend, 'tag.create', { name: '  Upsell attempt ' });
    expect(first).toMatchObject({ builtin: null, name: 'Upsell attempt' });
    expect(await call<Tag>(backend, 'tag.create', { name: 'UPSELL ATTEMPT' })).toEqual(first);
    const tags = await call<Tag[]>(backend, 'tag.list');
    expect(tags.filter((tag) => tag.name.toLowerCase() === 'upsell attempt')).toHaveLength(1);
    // A reviewer's own "Rude" is theirs, apart from the built-in one people see translated.
    const own = await call<Tag>(backend, 'tag.create', { name: 'Rude' });
    expect(own.builtin).toBeNull();
    // The reviewers' own tags follow the built-in ones, alphabetically whatever their case.
    await call(backend, 'tag.create', { name: 'zebra crossing' });
    await call(backend, 'tag.create', { name: 'Apology' });
    const names = (await call<Tag[]>(backend, 'tag.list'))
      .filter((t) => t.builtin === null)
      .map((t) => t.name);
    expect(names).toEqual(['Apology', 'Rude', 'Upsell attempt', 'zebra crossing']);
  });

  it('refuses an empty or overlong name', async () => {
    expect((await error('tag.create', { name: '   ' })).message).toMatch(/name/);
    expect((await error('tag.create', { name: 'x'.repeat(61) })).message).toMatch(/name/);
  });
});

describeEachEngine('where the reviewer left off', () => {
  it('is unknown at first, then remembered per interaction', async () => {
    const interactionId = await seedChat(backend.database);
    const other = await seedChat(backend.database, 'Another chat');
    expect(await call<PlaybackPosition>(backend, 'playback.get', { interactionId })).toMatchObject({
      positionMs: null,
      updatedAt: null,
    });
    await call(backend, 'playback.save', { interactionId, positionMs: 12_345 });
    await call(backend, 'playback.save', { interactionId, positionMs: 15_000 });
    expect(await call<PlaybackPosition>(backend, 'playback.get', { interactionId })).toMatchObject({
      interactionId,
      positionMs: 15_000,
    });
    expect(await call<PlaybackPosition>(backend, 'playback.get', { interactionId: other })).toMatchObject({
      positionMs: null,
    });
  });

  it('refuses a missing interaction and a negative or fractional position', async () => {
    const interactionId = await seedChat(backend.database);
    expect(await error('playback.save', { interactionId: 777_777, positionMs: 0 })).toMatchObject({
      code: 'not_found',
    });
    expect(await error('playback.get', { interactionId: 777_777 })).toMatchObject({ code: 'not_found' });
    expect((await error('playback.save', { interactionId, positionMs: -1 })).message).toMatch(/positionMs/);
    expect((await error('playback.save', { interactionId, positionMs: 0.5 })).message).toMatch(/positionMs/);
  });
});
