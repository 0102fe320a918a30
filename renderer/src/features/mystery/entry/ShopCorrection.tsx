import { Alert, Button, Group, List, Stack, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MysteryShopDetail } from '../../../../../shared/api/methods/mystery';
import type { Answer } from '../../../../../shared/rubric/answers';
import { scoreEvaluation } from '../../../../../shared/rubric/scoring';
import { api } from '../../../api/client';
import type { ScoredItemsHandle } from '../../evaluation/ScoredItems';
import { ChecklistSection } from './ChecklistSection';
import { fieldErrors, problemText } from './problem-text';
import { fieldsOfForm, formFromShop, submitProblems, type ShopForm } from './shop-form';
import { ShopFields } from './ShopFields';
import { shopKey } from './ShopEntry';
import { useChecklistContent } from './useChecklist';

/** At least this much reason, as the backend asks (`mystery.correct`). */
const MIN_REASON_CHARS = 3;

/**
 * Correcting a submitted or queried result: the same fields as the entry, changed in place, saved with
 * a reason; the audit trail keeps every field's value before and after. Nothing is saved until then.
 */
export function ShopCorrection({
  shop,
  onDone,
  onCancel,
}: {
  shop: MysteryShopDetail;
  onDone: (shop: MysteryShopDetail) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<ShopForm>(() => formFromShop(shop));
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const list = useRef<ScoredItemsHandle>(null);
  const update = (patch: Partial<ShopForm>) => setForm((current) => ({ ...current, ...patch }));
  const setAnswer = (itemId: string, patch: Partial<Answer>) =>
    setForm((current) => {
      const answers = new Map(current.answers);
      answers.set(itemId, { ...(answers.get(itemId) ?? { itemId, value: null }), ...patch });
      return { ...current, answers };
    });
  const checklist = useChecklistContent(shop.rubricId, shop.rubricVersionId);
  const answers = useMemo(() => [...form.answers.values()], [form.answers]);
  const breakdown = useMemo(
    () => (checklist.data ? scoreEvaluation(checklist.data, answers) : null),
    [checklist.data, answers],
  );
  const problems = submitProblems(form, breakdown);
  const reasonMissing = reason.trim().length < MIN_REASON_CHARS;

  const correct = useMutation({
    mutationFn: () => {
      const { rubricId: _rubricId, ...fields } = fieldsOfForm(form)!;
      return api.mystery.correct({ id: shop.id, fields, reason: reason.trim() });
    },
    onSuccess: (corrected) => {
      queryClient.setQueryData(shopKey(corrected.id), corrected);
      void queryClient.invalidateQueries({ queryKey: ['mystery'] });
      onDone(corrected);
    },
  });
  const save = () => {
    setTried(true);
    if (problems.length === 0 && !reasonMissing) correct.mutate();
  };

  return (
    <Stack gap="md" data-testid="shop-correction">
      <Title order={2}>{t('mysteryEntry.correct.title', { shopId: shop.shopId })}</Title>
      <ShopFields
        form={form}
        update={update}
        errors={tried ? fieldErrors(problems, t) : {}}
        autoFocus={false}
        checklist={
          <ChecklistSection
            ref={list}
            rubricId={shop.rubricId}
            locked
            onRubric={() => {}}
            rubric={checklist.data}
            answers={form.answers}
            breakdown={breakdown}
            error={undefined}
            onValue={(itemId, value) => setAnswer(itemId, { value })}
            onComment={(itemId, comment) => setAnswer(itemId, { comment })}
            onSubmit={save}
          />
        }
      />
      <Textarea
        label={t('mysteryEntry.correct.reason')}
        description={t('mysteryEntry.correct.reasonHint')}
        required
        autosize
        minRows={2}
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        error={tried && reasonMissing ? t('mysteryEntry.reasonMissing') : undefined}
        data-testid="shop-correct-reason"
      />
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
      {correct.error && (
        <Alert color="red" data-testid="shop-action-error">
          {t('mysteryEntry.refused', { message: correct.error.message })}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('mysteryEntry.cancel')}
        </Button>
        <Button onClick={save} loading={correct.isPending} data-testid="shop-correct-save">
          {t('mysteryEntry.correct.save')}
        </Button>
      </Group>
    </Stack>
  );
}
