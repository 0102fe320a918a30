import { importers } from './groups';
import type { Permission } from './roles';

/**
 * The team server's HTTP routes that are not API methods (their bodies are files, not JSON), with the
 * roles allowed, checked as the method rows are (electron/backend/permissions.ts checkRoute).
 * Recordings (`/media/…`) follow the `recording.encodedAudio` row instead.
 */
export const routePermissions = {
  /** POST /uploads, PUT/GET/DELETE /uploads/<id>: files sent to the server's storage to import. */
  upload: { roles: importers, action: 'upload recordings' },
} as const satisfies Record<string, Permission>;

export type RouteName = keyof typeof routePermissions;
