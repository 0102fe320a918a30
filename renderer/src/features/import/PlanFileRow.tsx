import { Badge, Group, Select, Stack, Text } from '@mantine/core';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { detailFields, type PlanItem } from '../../../../shared/api';
import { Breakable } from '../../app/Breakable';
import { formatDateTime } from '../../app/format';
import classes from './PlanFileList.module.css';
import { needsLook, shortName } from './plan-view';

const KEEP_APART = '';
const ROLE_COLOURS: Record<PlanItem['becomes'], string> = {
  call: 'blue',
  twoLegCall: 'indigo',
  transcript: 'teal',
  transcriptOnly: 'yellow',
  companion: 'gray',
  chats: 'grape',
  manifest: 'cyan',
  unrecognised: 'red',
};

/** One file: what it becomes, the details it brings, and for a transcript which recording it joins. */
export const PlanFileRow = memo(function PlanFileRow({
  item,
  folder,
  choices,
  onMatch,
}: {
  item: PlanItem;
  folder: string;
  choices: { value: string; label: string }[];
  onMatch: (transcript: string, recording: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const other = item.with ? shortName(item.with, folder) : '';
  const role =
    item.becomes === 'twoLegCall'
      ? t(`import.becomes.${item.leg === 'customer' ? 'customerLeg' : 'agentLeg'}`)
      : t(`import.becomes.${item.becomes}`);
  const note = [
    item.becomes === 'unrecognised' && item.reason
      ? t(`import.reasons.${item.reason}`, { file: other })
      : null,
    item.becomes === 'transcript' ? t('import.becomesWith.transcript', { file: other }) : null,
    item.becomes === 'companion' ? t('import.becomesWith.companion', { file: other }) : null,
    item.becomes === 'twoLegCall' ? t('import.becomesWith.twoLegCall', { file: other }) : null,
    item.matchedBy && item.becomes !== 'twoLegCall' ? t(`import.matchedBy.${item.matchedBy}`) : null,
  ].filter((text): text is string => Boolean(text));
  const transcript = item.becomes === 'transcript' || item.becomes === 'transcriptOnly';

  return (
    <Stack
      gap={4}
      className={classes.row}
      data-testid="plan-file"
      data-file={shortName(item.file, folder)}
      data-becomes={item.becomes}
      data-attention={needsLook(item)}
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="xs" wrap="nowrap" miw={0}>
          <Badge
            color={ROLE_COLOURS[item.becomes]}
            variant="light"
            style={{ flexShrink: 0 }}
            data-testid="plan-file-role"
          >
            {role}
          </Badge>
          <span className={classes.name}>
            <Breakable text={shortName(item.file, folder)} />
          </span>
        </Group>
        {transcript && (
          <Select
            size="xs"
            w={280}
            style={{ flexShrink: 0 }}
            aria-label={t('import.match.label', { file: shortName(item.file, folder) })}
            data={[{ value: KEEP_APART, label: t('import.match.keepApart') }, ...choices]}
            value={item.becomes === 'transcript' ? item.with : KEEP_APART}
            onChange={(value) => value !== null && onMatch(item.file, value === KEEP_APART ? null : value)}
            searchable
            limit={100}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            data-testid="transcript-match"
          />
        )}
      </Group>
      <Group gap={6} wrap="wrap">
        {item.title && (
          <Text size="xs" c="dimmed" data-testid="plan-file-title">
            {t('import.list.titled', { title: item.title })}
          </Text>
        )}
        {note.map((text) => (
          <Text key={text} size="xs" c={item.becomes === 'unrecognised' ? 'red.8' : 'dimmed'}>
            <Breakable text={text} />
          </Text>
        ))}
        {detailFields.map((field) => {
          const detail = item.details[field];
          if (!detail) return null;
          const value =
            field === 'startedAt'
              ? formatDateTime(detail.value, i18n.language)
              : field === 'direction'
                ? t(`import.direction.${detail.value}`)
                : field === 'customerRating'
                  ? t(`details.rating.${detail.value}`)
                  : detail.value;
          return (
            <Badge
              key={field}
              size="sm"
              radius="sm"
              tt="none"
              variant={detail.from === 'manifest' ? 'light' : 'outline'}
              color={detail.from === 'manifest' ? 'blue' : 'teal'}
              data-testid={`plan-detail-${field}`}
              data-from={detail.from}
            >
              {t(`import.fields.${field}`)}: {value}
            </Badge>
          );
        })}
        {item.nameMatch === 'unmatched' && (
          <Text size="xs" c="yellow.9" data-testid="plan-file-unmatched">
            {t('import.list.nameUnmatched')}
          </Text>
        )}
        {item.nameMatch === 'notADate' && (
          <Text size="xs" c="yellow.9" data-testid="plan-file-problem">
            {t('import.list.notADate')}
          </Text>
        )}
        {item.problem && item.nameMatch !== 'notADate' && (
          <Text size="xs" c="yellow.9" data-testid="plan-file-problem">
            <Breakable text={item.problem} />
          </Text>
        )}
      </Group>
    </Stack>
  );
});
