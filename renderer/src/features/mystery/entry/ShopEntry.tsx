import { Alert, Badge, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MysteryShopDetail } from '../../../../../shared/api/methods/mystery';
import { scoreEvaluation } from '../../../../../shared/rubric/scoring';
import { SaveStateLabel } from '../../../app/autosave/SaveStateLabel';
import { api } from '../../../api/client';
import type { ScoredItemsHandle } from '../../evaluation/ScoredItems';
import { ChecklistSection } from './ChecklistSection';
import { fieldErrors, problemText } from './problem-text';
import { shopProblems, submitProblems, type ShopForm } from './shop-form';
import { ShopFields } from './ShopFields';
import { useChecklistContent } from './useChecklist';
import { useShopDraft } from './useShopDraft';

export const shopKey = (id: number) => ['mystery', 'shop', id] as const;

/**
 * Entering one shop: every field by keyboard (Tab through the details, the checklist's score keys, Tab
 * on to the evidence), autosaved as a draft from the moment it has what a draft needs; Submit (or
 * Ctrl+Enter) once complete, with what is missing named field by field.
 */
export function ShopEntry({
  initial,
  onCreated,
  onSubmitted,
}: {
  initial: { form: ShopForm; shop: MysteryShopDetail | null };
  onCreated: (shop: MysteryShopDetail) => void;
  onSubmitted: (shop: MysteryShopDetail) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const draft = useShopDraft(initial, (shop) => {
    queryClient.setQueryData(shopKey(shop.id), shop);
    void queryClient.invalidateQueries({ queryKey: ['mystery', 'list'] });
    onCreated(shop);
  });
  const { form, shop } = draft;
  const [tried, setTried] = useState(false);
  const list = useRef<ScoredItemsHandle>(null);
  const checklist = useChecklistContent(form.rubricId, shop?.rubricVersionId ?? null);
  const answers = useMemo(() => [...form.answers.values()], [form.answers]);
  const breakdown = useMemo(
    () => (checklist.data ? scoreEvaluation(checklist.data, answers) : null),
    [checklist.data, answers],
  );
  const problems = submitProblems(form, breakdown);
  const draftProblems = shopProblems(form);

  const submit = useMutation({
    mutationFn: async () => {
      await draft.whenSaved();
      return api.mystery.submit({ id: shop!.id });
    },
    onSuccess: (submitted) => {
      queryClient.setQueryData(shopKey(submitted.id), submitted);
      void queryClient.invalidateQueries({ queryKey: ['mystery'] });
      onSubmitted(submitted);
    },
  });
  const trySubmit = () => {
    setTried(true);
    if (submit.isPending) return;
    if (problems.length === 0 && shop) {
      submit.mutate();
      return;
    }
    // Take the person to what is missing in the checklist, the one part the keys fill in.
    const answersProblem = problems.find((p) => p.field === 'answers');
    if (problems.every((p) => p.field === 'answers') && answersProblem?.field === 'answers') {
      list.current?.focusItem(answersProblem.itemIds[0]!);
    }
  };

  return (
    <Stack
      gap="md"
      data-testid="shop-entry"
      data-state={shop ? 'draft' : 'new'}
      data-shop-id={shop?.id}
      onKeyDown={(event) => {
        if (!event.defaultPrevented && event.key === 'Enter' && event.ctrlKey) {
          event.preventDefault();
          trySubmit();
        }
      }}
    >
      <Stack gap={2}>
        <Group gap="xs">
          <Title order={2}>{shop ? shop.shopId : t('mysteryEntry.newTitle')}</Title>
          <Badge variant="outline" color="gray" data-testid="shop-entry-status">
            {t('mystery.status.draft')}
          </Badge>
        </Group>
        {draftProblems.length > 0 ? (
          <Text size="xs" c="dimmed" data-testid="shop-save-state" data-save-state="waiting">
            {shop ? t('mysteryEntry.draft.notSaved') : t('mysteryEntry.draft.waiting')}
          </Text>
        ) : (
          <SaveStateLabel status={draft.saveStatus} testId="shop-save-state" />
        )}
      </Stack>

      <ShopFields
        form={form}
        update={draft.update}
        errors={tried ? fieldErrors(problems, t) : {}}
        autoFocus
        checklist={
          <ChecklistSection
            ref={list}
            rubricId={form.rubricId}
            locked={shop !== null}
            onRubric={(rubricId) => draft.update({ rubricId, answers: new Map() })}
            rubric={checklist.data}
            answers={form.answers}
            breakdown={breakdown}
            error={tried ? fieldErrors(problems, t).checklist : undefined}
            onValue={draft.setValue}
            onComment={draft.setComment}
            onSubmit={trySubmit}
          />
        }
      />

      <Stack gap="xs" data-testid="shop-submit-bar">
        {tried && problems.length > 0 && (
          <Alert color="red" title={t('mysteryEntry.problem.title')} data-testid="shop-problems">
            <List size="sm">
              {problems.map((problem, index) => (
                <List.Item key={index} data-testid="shop-problem" data-field={problem.field}>
                  {problemText(problem, checklist.data, t)}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {submit.error && (
          <Alert color="red" data-testid="shop-submit-error">
            {t('mysteryEntry.refused', { message: submit.error.message })}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Text size="xs" c="dimmed">
            {t('mysteryEntry.submitHint')}
          </Text>
          <Button onClick={trySubmit} loading={submit.isPending} data-testid="shop-submit">
            {t('mysteryEntry.submit')}
          </Button>
        </Group>
      </Stack>
    </Stack>
  );
}
