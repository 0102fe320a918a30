import { Alert, Badge, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AgentResponse, EarlierAgentResponse } from '../../../../shared/api/methods/evaluations';
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

/**
 * What the agent answered to earlier versions of an evaluation since reopened and corrected: kept for
 * the reviewer to read (a dispute the correction answers), quieter than the answer to the version
 * standing.
 */
export function EarlierResponses({ responses }: { responses: EarlierAgentResponse[] }) {
  const { t, i18n } = useTranslation();
  if (responses.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="agent-earlier-responses">
      {responses.map((response) => (
        <Alert
          key={response.at}
          color="gray"
          variant="outline"
          title={t('evaluation.agentResponse.earlier', {
            at: formatDateTime(response.submittedAt, i18n.language),
          })}
          data-testid="agent-earlier-response"
          data-response={response.response}
        >
          <Text size="sm">
            {t(`evaluation.agentResponse.${response.response}`, {
              name: response.by.name,
              at: formatDateTime(response.at, i18n.language),
            })}
          </Text>
          {response.response === 'disputed' && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {response.reason}
            </Text>
          )}
        </Alert>
      ))}
    </Stack>
  );
}
