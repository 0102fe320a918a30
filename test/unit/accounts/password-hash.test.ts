import { describe, expect, it } from 'vitest';
import {
  dummyVerify,
  hashPassword,
  PASSWORD_COST,
  verifyPassword,
} from '../../../electron/backend/services/accounts/password-hash';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

describe('team password hashes', () => {
  // Three scrypt runs at today's cost: slow on purpose, and slower still on a busy machine.
  it(
    "are scrypt$N$r$p$salt$hash at today's cost (OWASP grade), and verify",
    { timeout: 60_000 },
    async () => {
      expect(PASSWORD_COST.N * PASSWORD_COST.r * PASSWORD_COST.p).toBeGreaterThanOrEqual(2 ** 17 * 8);
      const stored = await hashPassword('correct horse battery staple');
      const [scheme, n, r, p, salt, hash] = stored.split('$');
      expect([scheme, Number(n), Number(r), Number(p)]).toEqual([
        'scrypt',
        PASSWORD_COST.N,
        PASSWORD_COST.r,
        PASSWORD_COST.p,
      ]);
      expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
      expect(Buffer.from(hash!, 'base64')).toHaveLength(32);
      expect(await verifyPassword('correct horse battery staple', stored)).toEqual({
        ok: true,
        needsRehash: false,
      });
      expect(await verifyPassword('correct horse battery stapl', stored)).toEqual({
        ok: false,
        needsRehash: false,
      });
    },
  );

  it('salt every hash: the same password twice gives two hashes', async () => {
    expect(await hashPassword('same password', CHEAP)).not.toBe(await hashPassword('same password', CHEAP));
  });

  it('ask for a rehash when the stored cost is not today’s', async () => {
    const old = await hashPassword('an older password', { N: 2 ** 10, r: 1, p: 1 });
    expect(await verifyPassword('an older password', old, CHEAP)).toEqual({ ok: true, needsRehash: true });
    expect(await verifyPassword('wrong', old, CHEAP)).toEqual({ ok: false, needsRehash: false });
  });

  it('read a password typed as composed or decomposed letters as the same', async () => {
    const stored = await hashPassword('s\u00e4\u00e4t\u00e4 salasana', CHEAP);
    expect((await verifyPassword('sa\u0308a\u0308ta\u0308 salasana', stored, CHEAP)).ok).toBe(true);
  });

  it('refuse a stored value that is not such a hash, or whose cost would eat the server', async () => {
    await expect(verifyPassword('x', 'plain text', CHEAP)).rejects.toThrow(
      /not in the scrypt\$N\$r\$p\$salt\$hash format/,
    );
    const stored = await hashPassword('x', CHEAP);
    const huge = stored.replace(/^scrypt\$1024\$/, 'scrypt$4194304$');
    await expect(verifyPassword('x', huge, CHEAP)).rejects.toThrow(/needs more than 256 MiB/);
    await expect(
      verifyPassword('x', stored.replace(/^scrypt\$1024\$/, 'scrypt$1000$'), CHEAP),
    ).rejects.toThrow(/out of bounds/);
  });

  it('have a dummy verify of the same work for usernames that do not exist', async () => {
    await expect(dummyVerify('anything', CHEAP)).resolves.toBeUndefined();
  });
});
