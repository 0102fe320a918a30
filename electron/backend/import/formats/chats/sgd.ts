import { z } from 'zod';
import { fail } from '../errors';
import { isRecord, parseShape } from '../json';
import type { ParsedChat } from '../types';
import { humanise } from './build';

/**
 * Schema-Guided Dialogue (DSTC8): `[{dialogue_id, services, turns: [{speaker, utterance, frames}]}]`.
 * USER is the customer; SYSTEM is the assistant serving them, the agent side. The title is
 * the services with the user's intents: "Banks: check balance, transfer money".
 *
 * The files are 2 MB of which the frames (slot annotations) are most; the schema names only
 * the fields read, so zod walks little more than the utterances.
 */
const Sgd = z.array(
  z.object({
    dialogue_id: z.union([z.string(), z.number()]),
    services: z.array(z.string()),
    turns: z.array(
      z.object({
        speaker: z.string(),
        utterance: z.string(),
        frames: z
          .array(z.object({ service: z.string(), state: z.object({ active_intent: z.string() }).optional() }))
          .optional(),
      }),
    ),
  }),
);

export function isSgd(value: unknown): boolean {
  return Array.isArray(value) && isRecord(value[0]) && 'dialogue_id' in value[0] && 'turns' in value[0];
}

/** "Banks_1" -> "Banks": the suffix numbers alternative schemas of one service. */
function serviceName(service: string): string {
  return service.replace(/_\d+$/, '').replace(/_/g, ' ');
}

export function parseSgd(fileName: string, value: unknown, warnings: string[]): ParsedChat[] {
  const chats: ParsedChat[] = [];
  for (const dialogue of parseShape(fileName, Sgd, value)) {
    const id = String(dialogue.dialogue_id);
    if (dialogue.turns.length === 0) {
      warnings.push(`dialogue ${id} has no turns and was skipped`);
      continue;
    }
    const intents = new Map<string, string[]>(dialogue.services.map((s) => [s, []]));
    const turns = dialogue.turns.map((turn, i) => {
      const speaker = turn.speaker.toUpperCase();
      if (speaker !== 'USER' && speaker !== 'SYSTEM') {
        fail(fileName, `dialogue ${id}, turn ${i + 1}: speaker '${turn.speaker}' is not USER or SYSTEM`);
      }
      for (const frame of turn.frames ?? []) {
        const intent = frame.state?.active_intent;
        const list = intents.get(frame.service) ?? [];
        if (intent && intent !== 'NONE' && !list.includes(intent)) list.push(intent);
        intents.set(frame.service, list);
      }
      return {
        speaker: speaker === 'USER' ? ('customer' as const) : ('agent' as const),
        text: turn.utterance.trim(),
        sentAt: null,
      };
    });
    const title = [...intents]
      .map(([service, list]) => {
        const name = serviceName(service);
        return list.length > 0 ? `${name}: ${list.map(humanise).join(', ')}` : name;
      })
      .join('; ');
    chats.push({
      externalId: id,
      title: title === '' ? `Dialogue ${id}` : title,
      startedAt: null,
      agentName: null,
      customerRef: null,
      turns,
      metadata: { format: 'sgd', services: dialogue.services.join(', ') },
    });
  }
  return chats;
}
