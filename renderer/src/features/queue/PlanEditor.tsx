import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { namedOptions } from '../../app/options';
import {
  MAX_PLAN_NAME_CHARS,
  MAX_QUOTA,
  CustomerRating,
  type QueuePlan,
  type QuotaPer,
} from '../../../../shared/api/methods/queue';
import { api } from '../../api/client';
import { blankPlan, formOf, payloadOf, type PlanForm } from './plan-form';

/** Creates a plan or changes one: how many per whom, who reviews, and which interactions. */
export function PlanEditor({
  plan,
  onDone,
}: {
  plan: QueuePlan | null;
  onDone: (plan: QueuePlan | null) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const options = useQuery({ queryKey: ['queue', 'options'], queryFn: () => api.queue.options({}) });
  const [form, setForm] = useState<PlanForm>(plan ? formOf(plan) : blankPlan);
  const set = <K extends keyof PlanForm>(key: K, value: PlanForm[K]) =>
    setForm((old) => ({ ...old, [key]: value }));
  const save = useMutation({
    mutationFn: () => api.queue.savePlan(payloadOf(form, plan?.id ?? null)),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['queue'] });
      onDone(saved);
    },
  });
  const minutes = (value: string | number) => (value === '' ? '' : Number(value));
  return (
    <Card withBorder data-testid="plan-editor">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <Title order={4}>{plan ? t('queue.form.editTitle') : t('queue.form.newTitle')}</Title>
          <TextInput
            label={t('queue.form.name')}
            placeholder={t('queue.form.namePlaceholder')}
            value={form.name}
            onChange={(event) => set('name', event.currentTarget.value)}
            maxLength={MAX_PLAN_NAME_CHARS}
            required
            data-autofocus
            data-testid="plan-name"
          />
          <Group align="flex-end">
            <NumberInput
              label={t('queue.form.count')}
              value={form.count}
              onChange={(value) => set('count', Number(value) || 0)}
              min={1}
              max={MAX_QUOTA}
              w={120}
              data-testid="plan-count"
            />
            <SegmentedControl
              value={form.per}
              onChange={(value) => set('per', value as QuotaPer)}
              data={[
                { value: 'agent', label: t('queue.form.perAgent') },
                { value: 'team', label: t('queue.form.perTeam') },
                { value: 'reviewer', label: t('queue.form.perReviewer') },
              ]}
              data-testid="plan-per"
            />
          </Group>
          <MultiSelect
            label={t('queue.form.reviewers')}
            data={namedOptions(options.data?.reviewers ?? [])}
            value={form.reviewerIds}
            onChange={(value) => set('reviewerIds', value)}
            searchable
            data-testid="plan-reviewers"
          />
          <Title order={5}>{t('queue.form.which')}</Title>
          <Text size="xs" c="dimmed">
            {t('queue.form.anyHint')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <MultiSelect
              label={t('queue.form.teams')}
              placeholder={form.teamIds.length ? undefined : t('queue.form.anyTeam')}
              data={namedOptions(options.data?.teams ?? [])}
              value={form.teamIds}
              onChange={(value) => set('teamIds', value)}
              data-testid="plan-teams"
            />
            <MultiSelect
              label={t('queue.form.queues')}
              placeholder={form.queues.length ? undefined : t('queue.form.anyQueue')}
              data={options.data?.queues ?? []}
              value={form.queues}
              onChange={(value) => set('queues', value)}
              data-testid="plan-queues"
            />
            <NumberInput
              label={t('queue.form.minMinutes')}
              value={form.minMinutes}
              onChange={(value) => set('minMinutes', minutes(value))}
              min={0}
              max={1440}
              decimalScale={1}
              data-testid="plan-min"
            />
            <NumberInput
              label={t('queue.form.maxMinutes')}
              value={form.maxMinutes}
              onChange={(value) => set('maxMinutes', minutes(value))}
              min={0}
              max={1440}
              decimalScale={1}
              data-testid="plan-max"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <ChoiceGroup
              label={t('queue.form.channels')}
              value={form.channels}
              onChange={(value) => set('channels', value)}
              choices={[
                { value: 'call', label: t('library.kind.call') },
                { value: 'chat', label: t('library.kind.chat') },
              ]}
            />
            <ChoiceGroup
              label={t('queue.form.directions')}
              value={form.directions}
              onChange={(value) => set('directions', value)}
              choices={[
                { value: 'inbound', label: t('queue.form.inbound') },
                { value: 'outbound', label: t('queue.form.outbound') },
              ]}
            />
            <ChoiceGroup
              label={t('queue.form.ratings')}
              value={form.customerRatings}
              onChange={(value) => set('customerRatings', value)}
              choices={CustomerRating.options.map((rating) => ({
                value: rating,
                label: t(`queue.form.rating.${rating}`),
              }))}
            />
          </SimpleGrid>
          <Checkbox
            label={t('queue.form.notYetReviewed')}
            checked={form.notYetReviewed}
            onChange={(event) => set('notYetReviewed', event.currentTarget.checked)}
            data-testid="plan-not-reviewed"
          />
          {save.error && (
            <Alert color="red" data-testid="plan-error">
              {save.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onDone(null)}>
              {t('queue.form.cancel')}
            </Button>
            <Button
              type="submit"
              loading={save.isPending}
              disabled={!form.name.trim()}
              data-testid="plan-save"
            >
              {t('queue.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** One filter of several ticks; none ticked means any (as the form's hint says). */
function ChoiceGroup<T extends string>({
  label,
  value,
  onChange,
  choices,
}: {
  label: string;
  value: T[];
  onChange: (value: T[]) => void;
  choices: readonly { value: T; label: string }[];
}) {
  return (
    // The group only ever holds the choices' values, so its strings are T.
    <Checkbox.Group label={label} value={value} onChange={(ticked) => onChange(ticked as T[])}>
      <Group gap="sm" mt={4}>
        {choices.map((choice) => (
          <Checkbox key={choice.value} value={choice.value} label={choice.label} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}
