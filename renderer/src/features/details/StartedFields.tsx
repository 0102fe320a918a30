import { Group, Input } from '@mantine/core';
import { TimePicker } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { DayInput } from '../../app/DayInput';
import { dayLanguage } from '../../app/day-format';

/**
 * When the interaction started: the day as the interface language writes days (typed or picked) and
 * the time of day, in this computer's time zone. Either half alone is reported as incomplete, since a
 * half-typed start time must not quietly clear the stored one.
 */
export function StartedFields({
  value,
  onChange,
  error,
}: {
  /** The day as `YYYY-MM-DD` and the time as `HH:mm`; null and '' when not known. */
  value: { day: string | null; time: string };
  onChange: (next: { day: string | null; time: string }) => void;
  error: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Input.Wrapper label={t('details.fields.startedAt')} error={error}>
      <Group gap="xs" wrap="nowrap">
        <DayInput
          value={value.day}
          onChange={(day) => onChange({ ...value, day })}
          clearable
          error={Boolean(error)}
          style={{ flex: 1 }}
          aria-label={t('details.fields.startedDay')}
          data-testid="details-started-day"
        />
        <TimePicker
          value={value.time}
          onChange={(time) => onChange({ ...value, time: time.slice(0, 5) })}
          format={dayLanguage(i18n.language) === 'en' ? '12h' : '24h'}
          clearable
          error={Boolean(error)}
          w={130}
          hoursInputLabel={t('details.fields.hours')}
          minutesInputLabel={t('details.fields.minutes')}
          amPmInputLabel={t('details.fields.amPm')}
          hoursInputProps={{ 'data-testid': 'details-started-hours' }}
          minutesInputProps={{ 'data-testid': 'details-started-minutes' }}
          amPmSelectProps={{ 'data-testid': 'details-started-ampm' }}
          data-testid="details-started-time"
        />
      </Group>
    </Input.Wrapper>
  );
}

/** The form's `YYYY-MM-DDTHH:mm` as its two halves, and back ('' unless both are there). */
export const splitStarted = (local: string) => ({
  day: local.slice(0, 10) || null,
  time: local.slice(11, 16),
});
export const joinStarted = ({ day, time }: { day: string | null; time: string }) =>
  day && time ? `${day}T${time}` : '';
export const startedIncomplete = ({ day, time }: { day: string | null; time: string }) =>
  Boolean(day) !== Boolean(time);
