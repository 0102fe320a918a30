import {
  Alert,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Input,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InteractionDetails } from '../../../../shared/api/methods/details';
import { api } from '../../api/client';
import { AgentTeamFields } from './AgentTeamFields';
import { patchOf, problemsOf, valuesOf, type DetailsField, type DetailsValues } from './details-form';
import { refreshAfterDetails } from './refresh';
import { joinStarted, splitStarted, StartedFields, startedIncomplete } from './StartedFields';
import { useAgentChoices } from './useAgentChoices';

/** Who handled the interaction, when, which way, in which queue, for which customer, under which title. */
export function DetailsDialog({
  interaction,
  opened,
  onClose,
}: {
  interaction: InteractionDetails;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('details.dialogTitle')}
      size={720}
      data-testid="details-dialog"
    >
      {/* Mounted while open only: each opening starts from what is stored now. */}
      {opened && <DetailsForm interaction={interaction} onDone={onClose} />}
    </Modal>
  );
}

function DetailsForm({ interaction, onDone }: { interaction: InteractionDetails; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const choices = useAgentChoices();
  const [initial] = useState(() => valuesOf(interaction));
  const [values, setValues] = useState(initial);
  const [started, setStarted] = useState(() => splitStarted(initial.startedAt));
  const [tried, setTried] = useState(false);
  const problems = problemsOf(values, startedIncomplete(started));
  const errors = tried ? problems : {};
  const save = useMutation({
    mutationFn: () =>
      api.interaction.updateDetails({ id: interaction.id, details: patchOf(initial, values) }),
    onSuccess: async () => {
      await refreshAfterDetails(queryClient);
      onDone();
    },
  });
  const set = (field: DetailsField) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const text = (field: DetailsField, label: string, required = false) => ({
    label: t(`details.fields.${label}`),
    value: values[field],
    required,
    onChange: (event: ChangeEvent<HTMLInputElement>) => set(field)(event.currentTarget.value),
    error: errors[field] ? t(`details.errors.${errors[field]}`, { max: 200 }) : undefined,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(problems).length === 0) save.mutate();
  };

  return (
    <form onSubmit={submit} noValidate data-testid="details-form">
      <Stack>
        <TextInput {...text('title', 'title', true)} data-autofocus data-testid="details-title" />
        <SimpleGrid cols={2}>
          <AgentTeamFields
            agentName={values.agentName}
            teamName={values.teamName}
            onChange={(change) => setValues((v: DetailsValues) => ({ ...v, ...change }))}
            choices={choices}
            errors={errors}
          />
          <StartedFields
            value={started}
            onChange={(next) => {
              setStarted(next);
              set('startedAt')(joinStarted(next));
            }}
            error={errors.startedAt ? t(`details.errors.${errors.startedAt}`) : undefined}
          />
          <Input.Wrapper label={t('details.fields.direction')}>
            <SegmentedControl
              fullWidth
              value={values.direction}
              onChange={(value) => set('direction')(value)}
              data={[
                { value: '', label: t('details.direction.unknown') },
                { value: 'inbound', label: t('details.direction.inbound') },
                { value: 'outbound', label: t('details.direction.outbound') },
              ]}
              data-testid="details-direction"
            />
          </Input.Wrapper>
          <TextInput {...text('queue', 'queue')} data-testid="details-queue" />
          <TextInput {...text('customerRef', 'customerRef')} data-testid="details-customer-ref" />
          <Input.Wrapper label={t('details.fields.customerRating')}>
            <SegmentedControl
              fullWidth
              value={values.customerRating}
              onChange={(value) => set('customerRating')(value)}
              data={[
                { value: '', label: t('details.direction.unknown') },
                ...(['bad', 'neutral', 'good'] as const).map((rating) => ({
                  value: rating,
                  label: t(`details.rating.${rating}`),
                })),
              ]}
              data-testid="details-customer-rating"
            />
          </Input.Wrapper>
        </SimpleGrid>
        {save.error && (
          <Alert color="red" data-testid="details-error">
            {save.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} data-testid="details-cancel">
            {t('details.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="details-save">
            {t('details.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
