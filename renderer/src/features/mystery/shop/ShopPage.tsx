import { Alert, Anchor, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { MysteryShopDetail } from '../../../../../shared/api/methods/mystery';
import { scoreEvaluation } from '../../../../../shared/rubric/scoring';
import { formatDateTime } from '../../../app/format';
import { api } from '../../../api/client';
import { ScoreBar } from '../../evaluation/ScoreBar';
import { ScoredItems } from '../../evaluation/ScoredItems';
import { formatPercent, ResultBadge } from '../../evaluation/score-format';
import { useCurrentReviewer } from '../../profiles/useProfiles';
import { ScenarioPart } from '../entry/ScenarioField';
import { shopKey } from '../entry/ShopEntry';
import { SCENARIOS_KEY } from '../entry/ScenarioDialog';
import { useChecklistContent } from '../entry/useChecklist';
import { StatusBadge } from '../StatusBadge';
import { ReasonDialog } from './ReasonDialog';
import { ShopAudit } from './ShopAudit';
import { ShopEvidence } from './ShopEvidence';

/**
 * A submitted shop: its details, the checklist's answers with the score and result (the evaluation
 * summary's colour, icon and words), the evidence with the recording playable, and the audit trail.
 * The actions follow the acting profile's role: a team lead queries (with a reason); the mystery
 * shopper confirms or corrects. The backend checks the same; its refusal is shown as it comes.
 */
export function ShopPage({ shop, onCorrect }: { shop: MysteryShopDetail; onCorrect: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const me = useCurrentReviewer();
  // Back to the list view the shop was opened from (its filters and sort), as the list hands it over.
  const back = (useLocation().state as { mysterySearch?: string } | null)?.mysterySearch ?? '';
  const [querying, setQuerying] = useState(false);
  const checklist = useChecklistContent(shop.rubricId, shop.rubricVersionId);
  const scenarios = useQuery({ queryKey: SCENARIOS_KEY, queryFn: () => api.scenario.list({}) });
  const scenario = scenarios.data?.find((s) => s.id === shop.scenarioId) ?? null;
  const answers = useMemo(() => new Map(shop.answers.map((a) => [a.itemId, a])), [shop.answers]);
  const breakdown = useMemo(
    () => (checklist.data ? scoreEvaluation(checklist.data, shop.answers) : null),
    [checklist.data, shop.answers],
  );
  const took = (next: MysteryShopDetail) => {
    queryClient.setQueryData(shopKey(next.id), next);
    void queryClient.invalidateQueries({ queryKey: ['mystery'] });
  };
  const query = useMutation({
    mutationFn: (reason: string) => api.mystery.query({ id: shop.id, reason }),
    onSuccess: (next) => {
      setQuerying(false);
      took(next);
    },
  });
  const confirm = useMutation({ mutationFn: () => api.mystery.confirm({ id: shop.id }), onSuccess: took });

  const role = me?.role;
  const canQuery = role === 'team_lead' && (shop.status === 'submitted' || shop.status === 'confirmed');
  const canSettle = role === 'mystery_shopper' && (shop.status === 'submitted' || shop.status === 'queried');
  const lastQuery =
    shop.status === 'queried' ? shop.audit.filter((a) => a.action === 'queried').at(-1) : undefined;

  return (
    <Stack gap="md" data-testid="shop-page" data-status={shop.status} data-shop-id={shop.id}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="xs">
            <Anchor component={Link} to={`/mystery${back}`} size="sm" data-testid="shop-page-back">
              {t('mystery.shops')}
            </Anchor>
          </Group>
          <Group gap="sm">
            <Title order={2}>
              {t('mystery.shop')} {shop.shopId}
            </Title>
            <StatusBadge status={shop.status} />
          </Group>
        </Stack>
        <Group gap="sm" data-testid="shop-page-score">
          <Text size="xl" fw={700} data-testid="shop-page-percent">
            {formatPercent(shop.percent, i18n.language)}
          </Text>
          <ResultBadge result={shop.result} size="lg" />
        </Group>
      </Group>

      {lastQuery && (
        <Alert color="orange" title={t('mysteryEntry.page.queriedTitle')} data-testid="shop-page-query">
          {t('mysteryEntry.page.queriedBody', {
            name: lastQuery.profileName ?? t('mysteryEntry.audit.someone'),
            reason: lastQuery.reason ?? '',
          })}
        </Alert>
      )}

      {(canQuery || canSettle) && (
        <Group gap="sm" data-testid="shop-actions">
          {canQuery && (
            <Button color="orange" variant="light" onClick={() => setQuerying(true)} data-testid="shop-query">
              {t('mysteryEntry.actions.query')}
            </Button>
          )}
          {canSettle && (
            <>
              <Button
                variant="light"
                color="teal"
                onClick={() => confirm.mutate()}
                loading={confirm.isPending}
                data-testid="shop-confirm"
              >
                {t('mysteryEntry.actions.confirm')}
              </Button>
              <Button variant="light" onClick={onCorrect} data-testid="shop-correct">
                {t('mysteryEntry.actions.correct')}
              </Button>
            </>
          )}
        </Group>
      )}
      {confirm.error && (
        <Alert color="red" data-testid="shop-action-error">
          {t('mysteryEntry.refused', { message: confirm.error.message })}
        </Alert>
      )}

      <Card withBorder data-testid="shop-page-details">
        <Table withRowBorders={false} verticalSpacing={4}>
          <Table.Tbody>
            <Row label={t('mystery.field.wave')}>{shop.wave || '–'}</Row>
            <Row label={t('mystery.field.occurredAt')}>{formatDateTime(shop.occurredAt, i18n.language)}</Row>
            <Row label={t('mystery.field.channel')}>{t(`mystery.channel.${shop.channel}`)}</Row>
            <Row label={t('mystery.field.team')}>{shop.team || '–'}</Row>
            <Row label={t('mystery.field.answeredBy')}>{shop.answeredBy || '–'}</Row>
            <Row label={t('mystery.field.agent')}>
              {shop.agentId !== null ? (
                <Anchor component={Link} to={`/agents/${shop.agentId}`} size="sm">
                  {shop.agentName}
                </Anchor>
              ) : (
                '–'
              )}
            </Row>
            <Row label={t('mystery.field.scenario')}>
              <Text size="sm" fw={scenario ? 600 : undefined} style={{ whiteSpace: 'pre-wrap' }}>
                {shop.scenario}
              </Text>
            </Row>
          </Table.Tbody>
        </Table>
        {scenario && (
          <Stack gap={6} mt="xs" pl="sm" data-testid="shop-page-scenario">
            {scenario.script && (
              <ScenarioPart label={t('mysteryEntry.scenario.script')} text={scenario.script} />
            )}
            {scenario.provocativeQuestion && (
              <ScenarioPart
                label={t('mysteryEntry.scenario.provocativeQuestion')}
                text={scenario.provocativeQuestion}
              />
            )}
            {scenario.goodAnswer && (
              <ScenarioPart label={t('mysteryEntry.scenario.goodAnswer')} text={scenario.goodAnswer} />
            )}
          </Stack>
        )}
      </Card>

      <ShopEvidence shop={shop} />

      {checklist.data && breakdown && (
        <Stack gap="sm" data-testid="shop-page-checklist">
          <Title order={3}>{t('mystery.field.checklist')}</Title>
          <ScoreBar breakdown={breakdown} />
          <ScoredItems
            rubric={checklist.data}
            answers={answers}
            breakdown={breakdown}
            readOnly
            moments={[]}
            autoFocus={false}
            onValue={() => {}}
            onComment={() => {}}
            onMoments={() => {}}
            onSubmit={() => {}}
          />
        </Stack>
      )}

      <ShopAudit audit={shop.audit} rubric={checklist.data} />

      {querying && (
        <ReasonDialog
          title={t('mysteryEntry.query.title')}
          body={t('mysteryEntry.query.body')}
          confirmLabel={t('mysteryEntry.actions.query')}
          pending={query.isPending}
          error={query.error?.message ?? null}
          onConfirm={(reason) => query.mutate(reason)}
          onClose={() => setQuerying(false)}
        />
      )}
    </Stack>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td w={200}>
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" component="div">
          {children}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
