import { ActionIcon, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EvaluationResult } from '../../../../shared/rubric/outcome';
import { formatPercent, ResultBadge } from '../evaluation/score-format';
import { TrashIcon } from '../review/icons';

/**
 * One scored thing a session goes through (an evaluation, a mystery shop): a link with a line under it,
 * then the score and result, which never shrink because they are what the row is read for.
 */
export function ScoredLinkRow({
  first,
  to,
  title,
  subtitle,
  percent,
  result,
  linkTestId,
  remove,
  ...rowData
}: {
  first: boolean;
  to: string;
  title: string;
  subtitle: ReactNode;
  percent: number | null;
  result: EvaluationResult;
  linkTestId?: string;
  /** Present while the session can be edited: takes the row out of the session. */
  remove?: { label: string; testId: string; onRemove: () => void };
} & Record<`data-${string}`, string | number>) {
  const { i18n } = useTranslation();
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      gap="sm"
      py={6}
      style={first ? undefined : { borderTop: '1px solid var(--mantine-color-gray-2)' }}
      {...rowData}
    >
      <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
        <Anchor component={Link} to={to} size="sm" fw={600} data-testid={linkTestId}>
          {title}
        </Anchor>
        <Text size="xs" c="dimmed">
          {subtitle}
        </Text>
      </Stack>
      <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
        <Text size="sm" fw={700}>
          {formatPercent(percent, i18n.language)}
        </Text>
        <ResultBadge result={result} size="sm" />
        {remove && (
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            onClick={remove.onRemove}
            aria-label={remove.label}
            data-testid={remove.testId}
          >
            <TrashIcon size={14} />
          </ActionIcon>
        )}
      </Group>
    </Group>
  );
}

/** The body of a "pick what to go through" dialog: a picker over the chosen ids, and Save. */
export function PickAndSave({
  initial,
  saving,
  saveLabel,
  saveTestId,
  onSave,
  picker,
}: {
  initial: number[];
  saving: boolean;
  saveLabel: string;
  saveTestId: string;
  onSave: (ids: number[]) => void;
  picker: (selected: number[], onChange: (ids: number[]) => void) => ReactNode;
}) {
  const [selected, setSelected] = useState(initial);
  return (
    <Stack>
      {picker(selected, setSelected)}
      <Group justify="flex-end">
        <Button onClick={() => onSave(selected)} loading={saving} data-testid={saveTestId}>
          {saveLabel}
        </Button>
      </Group>
    </Stack>
  );
}
