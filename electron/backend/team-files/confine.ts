import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, sep } from 'node:path';
import { EarmarkError } from '../../../shared/errors';

/** Whether `path` (already real) is `root` or lies inside it. */
const inside = (path: string, root: string) =>
  path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

/** The roots as they really are (symlinks followed); a root that is gone confines nothing. */
export function realRoots(roots: readonly string[]): string[] {
  return roots.flatMap((root) => {
    try {
      return [realpathSync(root)];
    } catch {
      return [];
    }
  });
}

/** Whether a real path lies inside one of the real roots. */
export const isWithin = (realPath: string, roots: readonly string[]) =>
  roots.some((root) => inside(realPath, root));

/**
 * A path someone asked a team server to read, refused unless it really lies inside one of `roots`: a
 * full path, without `..`, inside a root once every symlink on the way is followed (a link in the share
 * pointing at /etc is outside). Returns the real path. The words name the problem for the person who
 * typed or chose it. Returns the path as given (the plan shows the names people chose); the worker's
 * scan checks each file again, so a link swapped in afterwards is still outside.
 */
export function confinedPath(path: string, roots: readonly string[]): string {
  if (!isAbsolute(path)) {
    throw new EarmarkError(
      'invalid_params',
      `"${path}" is not a full path on the server: choose files from the server's import folders or upload them.`,
    );
  }
  if (path.split(/[\\/]/).includes('..')) {
    throw new EarmarkError(
      'not_allowed',
      `"${path}" climbs out of its folder with "..": a team server reads only inside its import folders.`,
    );
  }
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    throw new EarmarkError('not_found', `${path} does not exist or cannot be read.`);
  }
  if (!isWithin(real, realRoots(roots))) {
    throw new EarmarkError(
      'not_allowed',
      `${path} is outside the folders this team server imports from; upload the file or ask an administrator to add its folder (--import-folder).`,
    );
  }
  return path;
}

/**
 * A file a team server is asked to write (a mapping saved beside the spreadsheet): its folder must be
 * inside `roots` as for a read, and the file itself too when it is there already (a link leading out).
 */
export function confinedTarget(path: string, roots: readonly string[]): string {
  confinedPath(dirname(path), roots);
  if (existsSync(path)) confinedPath(path, roots);
  return path;
}
