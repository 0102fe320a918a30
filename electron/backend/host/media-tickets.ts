import { createHmac, randomBytes } from 'node:crypto';
import { sameSecret } from './guard';

/**
 * Signed, short-lived, per-recording tickets for media URLs. An `<audio src>` cannot send the bearer
 * header, and the token must not travel in URLs (history, logs); a ticket opens one recording only,
 * until it expires, and dies with the host (the key lives in its memory only).
 */

/** Long enough for a two-hour call listened to with pauses; the renderer mints a new one per hour. */
export const TICKET_LIFETIME_MS = 4 * 60 * 60 * 1000;

export type TicketCheck = 'valid' | 'expired' | 'invalid';

export interface MediaTickets {
  mint(recordingId: number): { ticket: string; expiresAt: number };
  check(ticket: string, recordingId: number): TicketCheck;
}

export function createMediaTickets(clock: () => number = Date.now): MediaTickets {
  const key = randomBytes(32);
  const sign = (recordingId: number, expiresAt: number) =>
    createHmac('sha256', key).update(`media:${recordingId}:${expiresAt}`).digest('base64url');
  return {
    mint(recordingId) {
      const expiresAt = clock() + TICKET_LIFETIME_MS;
      return { ticket: `${expiresAt}.${sign(recordingId, expiresAt)}`, expiresAt };
    },
    check(ticket, recordingId) {
      const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(ticket);
      if (!match) return 'invalid';
      const expiresAt = Number(match[1]);
      // The signature first: an expired ticket is only reported as such when it is one of ours.
      if (!sameSecret(match[2]!, sign(recordingId, expiresAt))) return 'invalid';
      return clock() < expiresAt ? 'valid' : 'expired';
    },
  };
}
