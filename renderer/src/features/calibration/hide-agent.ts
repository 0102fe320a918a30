import type { InteractionDetail } from '../../../../shared/api';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The call or chat as a participant scoring blind sees it: where its transcript or chat says the
 * agent's name ("this is Anna"), whole or any part of it, it says `label` instead, and the title (which
 * often names the agent) is the session's own name for it. The recording itself still says the name.
 */
export function withoutAgentName(
  interaction: InteractionDetail,
  label: string,
  title: string,
): InteractionDetail {
  const hidden = { ...interaction, title, agentName: null };
  const name = interaction.agentName?.trim();
  if (!name) return hidden;
  // The whole name first, then its parts, longest first: "Anna Berg" never leaves "Berg" behind.
  const parts = [name, ...name.split(/[\s-]+/).filter((part) => part.length > 1)]
    .sort((a, b) => b.length - a.length)
    .map(escape);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${parts.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return {
    ...hidden,
    segments: interaction.segments.map((segment) => ({
      ...segment,
      text: segment.text.replace(pattern, label),
    })),
  };
}
