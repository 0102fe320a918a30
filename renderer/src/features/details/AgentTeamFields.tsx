import { Autocomplete } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DetailsErrors } from './details-form';
import type { AgentChoices } from './useAgentChoices';

/**
 * The agent and their team: picked from those already known, or typed as new. Picking an agent who is
 * in exactly one team fills in that team, since an agent is a name within a team.
 */
export function AgentTeamFields({
  agentName,
  teamName,
  onChange,
  choices,
  errors,
  agentRequired = false,
  size,
  inline = false,
}: {
  agentName: string;
  teamName: string;
  /** Gets only what changed: picking an option also reports the typed value, which must not undo the team. */
  onChange: (change: { agentName?: string; teamName?: string }) => void;
  choices: AgentChoices;
  errors: DetailsErrors;
  agentRequired?: boolean;
  size?: 'xs' | 'sm';
  /** In the library's selection bar: one row, without explanations or messages under the fields. */
  inline?: boolean;
}) {
  const { t } = useTranslation();
  // Inline, the fields are only marked: the bar says what is wrong below itself, keeping its row aligned.
  const error = (field: 'agentName' | 'teamName') =>
    errors[field] ? (inline ? true : t(`details.errors.${errors[field]}`, { max: 200 })) : undefined;
  const pickAgent = (name: string) => {
    const team = choices.onlyTeamOf(name);
    onChange(team === undefined ? { agentName: name } : { agentName: name, teamName: team ?? '' });
  };
  return (
    <>
      <Autocomplete
        label={t('details.fields.agent')}
        description={inline ? undefined : t('details.hints.agent')}
        placeholder={t('details.placeholders.agent')}
        required={agentRequired}
        withAsterisk={agentRequired}
        size={size}
        data={choices.agentNames}
        value={agentName}
        onChange={(value) => onChange({ agentName: value })}
        onOptionSubmit={pickAgent}
        error={error('agentName')}
        limit={50}
        data-testid="details-agent"
      />
      <Autocomplete
        label={t('details.fields.team')}
        description={inline ? undefined : t('details.hints.team')}
        placeholder={t('details.placeholders.team')}
        size={size}
        data={choices.teamNames}
        value={teamName}
        onChange={(value) => onChange({ teamName: value })}
        error={error('teamName')}
        limit={50}
        data-testid="details-team"
      />
    </>
  );
}
