import { describe, expect, it } from 'vitest';
import { takeAccessToken } from '../../../renderer/src/api/access-token';

function tab(href: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const replaced: string[] = [];
  const result = takeAccessToken(
    { href },
    { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => void storage.set(key, value) },
    { state: { idx: 3 }, replaceState: (_state, _unused, url) => void replaced.push(String(url)) },
  );
  return { result, storage, replaced };
}

describe('the browser host access token', () => {
  it('is taken from the address once, kept for the tab and removed from the address', () => {
    const { result, storage, replaced } = tab('http://127.0.0.1:4000/?token=abc#/interaction/3?evaluate=1');
    expect(result).toBe('abc');
    expect(storage.get('earmark.token')).toBe('abc');
    // The app's own route (in the hash) is kept as it was.
    expect(replaced).toEqual(['/#/interaction/3?evaluate=1']);
  });

  it('keeps other query parameters', () => {
    expect(tab('http://127.0.0.1:4000/?lang=de&token=abc').replaced).toEqual(['/?lang=de']);
  });

  it('comes from the tab after a reload, leaving the address alone', () => {
    const { result, replaced } = tab('http://127.0.0.1:4000/#/agents', { 'earmark.token': 'abc' });
    expect(result).toBe('abc');
    expect(replaced).toEqual([]);
  });

  it('is null when neither the address nor the tab has one', () => {
    expect(tab('http://127.0.0.1:4000/').result).toBeNull();
  });

  it('from a new address replaces the one the tab kept (the host was restarted)', () => {
    const { result, storage } = tab('http://127.0.0.1:4000/?token=new', { 'earmark.token': 'old' });
    expect(result).toBe('new');
    expect(storage.get('earmark.token')).toBe('new');
  });
});
