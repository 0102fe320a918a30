import type { TFunction } from 'i18next';
import type { CalibrationInteraction } from '../../../../shared/api/methods/calibration';

/**
 * How a session's call or chat is named to its viewer: "Call 2" alone while the agent is hidden from
 * them (a title often carries the agent's name), else with its title and agent.
 */
export function interactionName(
  interaction: CalibrationInteraction,
  hideAgent: boolean,
  t: TFunction,
): string {
  const kind = t(`calibration.kind.${interaction.kind}`, { n: interaction.position + 1 });
  if (hideAgent && interaction.agentName === null) return kind;
  return [`${kind}: ${interaction.title}`, interaction.agentName].filter(Boolean).join(' · ');
}
