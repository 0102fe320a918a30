import type { SegmentSpeaker } from '../../../../../shared/api/schemas';
import { timestampToIso } from '../dates';
import { fail } from '../errors';
import { roleFromLabel } from '../roles';

/** "product_defect" -> "Product defect"; "CheckBalance" -> "check balance". */
export function humanise(id: string): string {
  return id
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Who wrote a chat message. A chat turn must be agent, customer or system, so unlike
 * transcripts there is no "ask later": a sender whose role cannot be told stops the import
 * with the message and the value, and the user adds a role column.
 */
export function turnSpeaker(
  fileName: string,
  where: string,
  role: string | null,
  sender: string | null,
): { speaker: SegmentSpeaker; name: string | null } {
  if (role !== null) {
    const speaker = roleFromLabel(role);
    if (!speaker) fail(fileName, `${where}: role '${role}' is not agent, customer or system`);
    // The sender beside a role is a person's name ("Anna"), worth keeping for the agent.
    const name = sender !== null && roleFromLabel(sender) === null ? sender : null;
    return { speaker, name };
  }
  if (sender === null) fail(fileName, `${where}: has no sender or role`);
  const speaker = roleFromLabel(sender);
  if (!speaker) {
    fail(
      fileName,
      `${where}: cannot tell whether sender '${sender}' is the agent or the customer (add a role: agent, customer or system)`,
    );
  }
  return { speaker, name: null };
}

export function sentAt(fileName: string, where: string, value: unknown): string | null {
  const iso = timestampToIso(value);
  if (iso === undefined) fail(fileName, `${where}: timestamp ${JSON.stringify(value)} is not a date`);
  return iso;
}
