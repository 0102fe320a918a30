import { Alert, Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AgentResponse } from '../../../../shared/api/methods/evaluations';
import { formatDateTime } from '../../app/format';

/** Acknowledged in green, disputed in red, not answered yet in grey: the same badge on every list. */
export function AgentResponseBadge({ response }: { response: AgentResponse | null }) {
  const { t } = useTranslation();
  const kind = response?.response ?? 'open';
  const color = { acknowledged: 'teal', disputed: 'red', open: 'gray' }[kind];
  return (
    <Badge
      color={color}
      variant={kind === 'open' ? 'outline' : 'light'}
      size="sm"
      data-testid="agent-response-badge"
      data-response={kind}
    >
      {t(`evaluation.agentResponse.badge.${kind}`)}
    </Badge>
  );
}

/**
 * What the agent answered to a submitted evaluation, as the reviewer, the team lead and the agent read
 * it: who acknowledged or disputed it when, and a dispute's reason in the agent's words.
 */
export function AgentResponseNote({ response }: { response: AgentResponse }) {
  const { t, i18n } = useTranslation();
  const disputed = response.response === 'disputed';
  return (
    <Alert
      color={disputed ? 'red' : 'teal'}
      variant="light"
      title={t(`evaluation.agentResponse.${response.response}`, {
        name: response.by.name,
        at: formatDateTime(response.at, i18n.language),
      })}
      data-testid="agent-response"
      data-response={response.response}
    >
      {disputed && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="agent-response-reason">
          {response.reason}
        </Text>
      )}
    </Alert>
  );
}
