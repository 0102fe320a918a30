import {
  Group,
  Input,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  Autocomplete,
} from '@mantine/core';
import { TimePicker } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MysteryChannel } from '../../../../../shared/rubric/mystery';
import { DayInput } from '../../../app/DayInput';
import { dayLanguage } from '../../../app/day-format';
import { api } from '../../../api/client';
import { RecordingEvidence } from './RecordingEvidence';
import { ScenarioField } from './ScenarioField';
import { ExtraFields } from './ExtraFields';
import type { ShopForm, ShopProblem } from './shop-form';

export type FieldErrors = Partial<Record<ShopProblem['field'], string>>;

/**
 * The shop's own details, its scenario and its evidence, in the order a shopper's report gives them; Tab
 * goes through them top to bottom. The checklist sits between (`checklist`), scored with the form's keys.
 */
export function ShopFields({
  form,
  update,
  errors,
  checklist,
  autoFocus,
}: {
  form: ShopForm;
  update: (patch: Partial<ShopForm>) => void;
  errors: FieldErrors;
  checklist: ReactNode;
  autoFocus: boolean;
}) {
  const { t, i18n } = useTranslation();
  const facets = useQuery({ queryKey: ['library', 'facets'], queryFn: () => api.library.facets({}) });
  const agents = facets.data?.agents ?? [];
  return (
    <Stack gap="lg">
      <Stack gap="sm" data-testid="shop-details">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('mystery.field.shopId')}
            description={t('mysteryEntry.hint.shopId')}
            required
            autoFocus={autoFocus}
            value={form.shopId}
            onChange={(event) => update({ shopId: event.currentTarget.value })}
            error={errors.shopId}
            data-testid="shop-id"
          />
          <TextInput
            label={t('mystery.field.wave')}
            description={t('mysteryEntry.hint.wave')}
            value={form.wave}
            onChange={(event) => update({ wave: event.currentTarget.value })}
            data-testid="shop-wave"
          />
        </SimpleGrid>
        <Input.Wrapper
          label={t('mystery.field.occurredAt')}
          description={t('mysteryEntry.hint.occurredAt')}
          required
          error={errors.occurredAt}
        >
          <Group gap="xs" wrap="nowrap" mt={4}>
            <DayInput
              value={form.day}
              onChange={(day) => update({ day })}
              error={Boolean(errors.occurredAt)}
              w={200}
              aria-label={t('mysteryEntry.day')}
              data-testid="shop-day"
            />
            <TimePicker
              value={form.time}
              onChange={(time) => update({ time: time.slice(0, 5) })}
              format={dayLanguage(i18n.language) === 'en' ? '12h' : '24h'}
              error={Boolean(errors.occurredAt)}
              w={130}
              hoursInputLabel={t('details.fields.hours')}
              minutesInputLabel={t('details.fields.minutes')}
              amPmInputLabel={t('details.fields.amPm')}
              hoursInputProps={{ 'data-testid': 'shop-hours' }}
              minutesInputProps={{ 'data-testid': 'shop-minutes' }}
              amPmSelectProps={{ 'data-testid': 'shop-ampm' }}
              data-testid="shop-time"
            />
          </Group>
        </Input.Wrapper>
        <Input.Wrapper label={t('mystery.field.channel')}>
          <div>
            <SegmentedControl
              mt={4}
              value={form.channel}
              onChange={(channel) => update({ channel: channel as ShopForm['channel'] })}
              data={MysteryChannel.options.map((channel) => ({
                value: channel,
                label: t(`mystery.channel.${channel}`),
              }))}
              data-testid="shop-channel"
            />
          </div>
        </Input.Wrapper>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Autocomplete
            label={t('mystery.field.team')}
            placeholder={t('details.placeholders.team')}
            data={(facets.data?.teams ?? []).map((team) => team.name)}
            value={form.team}
            onChange={(team) => update({ team })}
            limit={50}
            data-testid="shop-team"
          />
          <TextInput
            label={t('mystery.field.answeredBy')}
            description={t('mysteryEntry.hint.answeredBy')}
            value={form.answeredBy}
            onChange={(event) => update({ answeredBy: event.currentTarget.value })}
            data-testid="shop-answered-by"
          />
          <Select
            label={t('mysteryEntry.agent')}
            description={t('mysteryEntry.hint.agent')}
            placeholder={t('mysteryEntry.agentPlaceholder')}
            searchable
            clearable
            value={form.agentId === null ? null : String(form.agentId)}
            onChange={(value) => {
              const agent = agents.find((a) => String(a.id) === value);
              // An agent is a name within a team: picking one fills an empty team.
              update({
                agentId: agent?.id ?? null,
                ...(agent?.teamName && form.team.trim() === '' ? { team: agent.teamName } : {}),
              });
            }}
            data={agents.map((agent) => ({
              value: String(agent.id),
              label: agent.teamName ? `${agent.name} (${agent.teamName})` : agent.name,
            }))}
            limit={50}
            data-testid="shop-agent"
          />
        </SimpleGrid>
        <ScenarioField
          scenarioId={form.scenarioId}
          scenarioText={form.scenarioText}
          error={errors.scenario}
          onChange={(change) => update(change)}
        />
      </Stack>

      {checklist}

      <Stack gap="sm" data-testid="shop-evidence">
        <Title order={4}>{t('mystery.field.evidence')}</Title>
        <RecordingEvidence value={form.recording} onChange={(recording) => update({ recording })} />
        <Textarea
          label={t('mystery.field.notes')}
          autosize
          minRows={2}
          maxRows={10}
          value={form.notes}
          onChange={(event) => update({ notes: event.currentTarget.value })}
          data-testid="shop-notes"
        />
        <Textarea
          label={t('mysteryEntry.files.label')}
          description={t('mysteryEntry.files.hint')}
          autosize
          minRows={1}
          maxRows={6}
          value={form.files}
          onChange={(event) => update({ files: event.currentTarget.value })}
          data-testid="shop-files"
        />
        <ExtraFields rows={form.extra} error={errors.extra} onChange={(extra) => update({ extra })} />
      </Stack>
      <Text size="xs" c="dimmed">
        {t('mysteryEntry.keysHint')}
      </Text>
    </Stack>
  );
}
