import { z } from 'zod';
import type { SegmentSpeaker } from '../../../../../shared/api/schemas';
import { fail } from '../errors';
import { isRecord, parseShape, scalarText } from '../json';
import type { ParsedChat } from '../types';
import { capitalise, humanise } from './build';

/**
 * ABCD (Action-Based Conversations Dataset): `[{convo_id, scenario, original: [[speaker, text]]}]`.
 * `action` turns are what the agent did in the tools ("Account has been pulled up for ..."):
 * system turns. No timestamps exist in the corpus.
 */
const Abcd = z.array(
  z.object({
    convo_id: z.union([z.number(), z.string()]),
    scenario: z
      .object({
        flow: z.string().optional(),
        subflow: z.string().optional(),
        personal: z.record(z.string(), z.unknown()).optional(),
        order: z.record(z.string(), z.unknown()).optional(),
      })
      .optional(),
    original: z.array(z.tuple([z.string(), z.string()])),
  }),
);

const SPEAKERS: Record<string, SegmentSpeaker> = { agent: 'agent', customer: 'customer', action: 'system' };

export function isAbcd(value: unknown): boolean {
  return Array.isArray(value) && isRecord(value[0]) && 'convo_id' in value[0] && 'original' in value[0];
}

export function parseAbcd(fileName: string, value: unknown, warnings: string[]): ParsedChat[] {
  const chats: ParsedChat[] = [];
  for (const convo of parseShape(fileName, Abcd, value)) {
    const id = String(convo.convo_id);
    if (convo.original.length === 0) {
      warnings.push(`conversation ${id} has no turns and was skipped`);
      continue;
    }
    const turns = convo.original.map(([speaker, text], i) => {
      const role = SPEAKERS[speaker];
      if (!role)
        fail(
          fileName,
          `conversation ${id}, turn ${i + 1}: speaker '${speaker}' is not agent, customer or action`,
        );
      return { speaker: role, text: text.trim(), sentAt: null };
    });
    const { flow, subflow, personal = {}, order = {} } = convo.scenario ?? {};
    const title = [flow, subflow].filter((p): p is string => !!p).map(humanise);
    const metadata: Record<string, string> = { format: 'abcd' };
    for (const [key, v] of [
      ['flow', flow],
      ['subflow', subflow],
      ['memberLevel', personal.member_level],
      ['orderId', order.order_id],
    ] as const) {
      const text = scalarText(v);
      if (text !== null) metadata[key] = text;
    }
    chats.push({
      externalId: id,
      title: title.length > 0 ? capitalise(title.join(': ')) : `Conversation ${id}`,
      startedAt: null,
      agentName: null,
      // The customer's account id where the scenario has one, else the order the chat is about.
      customerRef:
        scalarText(personal.customer_id) ??
        scalarText(personal.account_id) ??
        scalarText(personal.username) ??
        scalarText(order.order_id),
      turns,
      metadata,
    });
  }
  return chats;
}
