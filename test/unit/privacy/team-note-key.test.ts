import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sealWith } from '../../../electron/backend/privacy/seal';
import {
  LostNoteKey,
  noteKdfParams,
  TeamNoteKeys,
  unwrapWithPassword,
  wrapForSession,
  wrapWithPassword,
} from '../../../electron/backend/privacy/team-note-key';
import { newSessionToken } from '../../../electron/backend/services/accounts/sessions';

/**
 * A team login's note key: wrapped by the password (profile_keys) and by the session's cookie token
 * (team_sessions.note_key). Only the token opens the session's copy, and only for its own person.
 */

const CHEAP = noteKdfParams({ N: 2 ** 10, r: 8, p: 1 });
const noteKey = () => randomBytes(32);
const author = { id: 7, name: 'Lena Lead' };

describe('the session copy of a note key', () => {
  it('opens with the cookie token, not with its SHA-256 (which the database keeps), nor another token', () => {
    const key = noteKey();
    const token = newSessionToken();
    const stored = wrapForSession(token, author.id, key);
    expect(stored).toHaveLength(12 + 32 + 16);
    expect(stored.includes(key)).toBe(false);
    const sealed = sealWith(key, 'between us', 'aad');
    const login = { profileId: author.id, noteKey: stored, keySince: null };
    expect(new TeamNoteKeys({ ...login, token }).open(author.id, author, sealed, 'aad')).toBe('between us');
    const hash = createHash('sha256').update(token).digest('hex');
    for (const wrong of [hash, newSessionToken()]) {
      expect(() =>
        new TeamNoteKeys({ ...login, token: wrong }).open(author.id, author, sealed, 'aad'),
      ).toThrow(expect.objectContaining({ code: 'tampered' }));
    }
  });

  it('is bound to its person: copied onto another profile’s session it does not open', () => {
    const token = newSessionToken();
    const stored = wrapForSession(token, author.id, noteKey());
    const other = { id: 8, name: 'Otto Other' };
    const keys = new TeamNoteKeys({ profileId: other.id, token, noteKey: stored, keySince: null });
    expect(() => keys.seal(other.id, 'text', 'aad')).toThrow(expect.objectContaining({ code: 'tampered' }));
  });

  it('seals and opens for the logged-in person only; somebody else is not_allowed', () => {
    const token = newSessionToken();
    const keys = new TeamNoteKeys({
      profileId: author.id,
      token,
      noteKey: wrapForSession(token, author.id, noteKey()),
      keySince: null,
    });
    const sealed = keys.seal(author.id, 'mine', 'aad');
    expect(keys.open(author.id, author, sealed, 'aad')).toBe('mine');
    expect(() => keys.seal(8, 'as someone else', 'aad')).toThrow(
      expect.objectContaining({ code: 'not_allowed' }),
    );
    expect(() => keys.open(8, author, sealed, 'aad')).toThrow(
      expect.objectContaining({ code: 'not_allowed' }),
    );
    const keyless = new TeamNoteKeys({ profileId: author.id, token, noteKey: null, keySince: null });
    expect(() => keyless.seal(author.id, 'text', 'aad')).toThrow(/no key for private notes/);
  });

  it('says a note older than the key was sealed with a lost key; a newer one that fails is damaged', () => {
    const token = newSessionToken();
    const keys = new TeamNoteKeys({
      profileId: author.id,
      token,
      noteKey: wrapForSession(token, author.id, noteKey()),
      keySince: '2026-11-20T10:00:00.000Z',
    });
    const oldKeySealed = sealWith(noteKey(), 'before the reset', 'aad');
    expect(() => keys.open(author.id, author, oldKeySealed, 'aad', '2026-11-20T09:00:00.000Z')).toThrow(
      LostNoteKey,
    );
    expect(() => keys.open(author.id, author, oldKeySealed, 'aad', '2026-11-20T11:00:00.000Z')).toThrow(
      expect.objectContaining({ code: 'tampered' }),
    );
  });
});

describe('the password copy of a note key', () => {
  it('opens with the password only, and the same key comes back', async () => {
    const key = noteKey();
    const wrapped = await wrapWithPassword(key, 'the team password', author.id, CHEAP);
    expect(wrapped.workstationKeyId).toBe('team-password');
    expect(await unwrapWithPassword(wrapped, 'the team password', author.id, author.name)).toEqual(key);
    await expect(unwrapWithPassword(wrapped, 'a guess', author.id, author.name)).rejects.toMatchObject({
      code: 'not_allowed',
    });
    await expect(unwrapWithPassword(wrapped, 'the team password', 8, author.name)).rejects.toMatchObject({
      code: 'not_allowed',
    });
  });

  it('costs as much to guess as the password hash, within what a stored key accepts', () => {
    expect(noteKdfParams({ N: 2 ** 16, r: 8, p: 2 })).toEqual({ N: 2 ** 16, r: 8, p: 2 });
    expect(noteKdfParams({ N: 2 ** 10, r: 8, p: 1 })).toEqual({ N: 2 ** 14, r: 8, p: 1 });
  });
});
