import { realpath as realpathOnDisk } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** True when `candidate` is `root` or lies below it, after resolving `..` (also across drives on Windows). */
export function isInside(root: string, candidate: string): boolean {
  const rel = relative(resolve(root), resolve(candidate));
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel));
}

/**
 * The real path of `path` (every symlink followed) when it lies inside the real path of one of `roots`;
 * null when it lies outside all of them. Every host opens the returned path, so a file swapped for a
 * symlink to /etc/passwd, or a symlink planted in a served folder, is never read. Throws the file
 * system's error when `path` cannot be resolved (missing, a dangling symlink), so a caller can tell
 * "not there" from "not yours".
 */
export async function realPathInside(
  path: string,
  roots: readonly string[],
  realpath: (path: string) => Promise<string> = realpathOnDisk,
): Promise<string | null> {
  const real = await realpath(path);
  for (const root of roots) {
    const realRoot = await realpath(root).catch(() => null);
    if (realRoot !== null && isInside(realRoot, real)) return real;
  }
  return null;
}
