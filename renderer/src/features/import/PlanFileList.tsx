import { Badge, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPlan } from '../../../../shared/api';
import classes from './PlanFileList.module.css';
import { PlanFileRow } from './PlanFileRow';
import { commonFolder, needsLook, recordingChoices } from './plan-view';

/**
 * Every chosen file with what it becomes. Only the rows on screen are in the DOM, so a folder of
 * thousands of recordings scrolls as smoothly as a few.
 */
export function PlanFileList({
  plan,
  onMatch,
}: {
  plan: ImportPlan;
  /** A transcript joins this recording, or (null) stays a transcript only. */
  onMatch: (transcript: string, recording: string | null) => void;
}) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<'all' | 'look'>('all');
  const folder = useMemo(() => commonFolder(plan.items.map((item) => item.file)), [plan.items]);
  const choices = useMemo(() => recordingChoices(plan, folder), [plan, folder]);
  const lookCount = useMemo(() => plan.items.filter(needsLook).length, [plan.items]);
  const items = useMemo(
    () => (filter === 'look' ? plan.items.filter(needsLook) : plan.items),
    [plan.items, filter],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  // No React Compiler here, so the virtualizer's unmemoizable functions are fine.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 60,
    overscan: 6,
    getItemKey: (index) => items[index]!.file,
  });

  return (
    <Stack gap="xs" data-testid="plan-files" data-count={items.length}>
      <Group justify="space-between">
        <Title order={4}>{t('import.list.title', { count: plan.items.length })}</Title>
        <SegmentedControl
          size="xs"
          value={filter}
          onChange={(value) => setFilter(value as 'all' | 'look')}
          data={[
            { value: 'all', label: t('import.list.all') },
            { value: 'look', label: t('import.list.look', { count: lookCount }) },
          ]}
          data-testid="plan-filter"
        />
      </Group>
      <Group gap="xs">
        <Text size="xs" c="dimmed">
          {t('import.list.legend')}
        </Text>
        <Badge size="sm" radius="sm" tt="none" variant="light" color="blue">
          {t('import.list.fromManifest')}
        </Badge>
        <Badge size="sm" radius="sm" tt="none" variant="outline" color="teal">
          {t('import.list.fromName')}
        </Badge>
      </Group>
      <div
        ref={scrollRef}
        className={classes.scroller}
        style={{ height: Math.min(480, Math.max(120, items.length * 56 + 2)) }}
        data-testid="plan-files-scroller"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((row) => (
            <div
              key={row.key}
              ref={virtualizer.measureElement}
              data-index={row.index}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                transform: `translateY(${row.start}px)`,
              }}
            >
              <PlanFileRow item={items[row.index]!} folder={folder} choices={choices} onMatch={onMatch} />
            </div>
          ))}
        </div>
      </div>
    </Stack>
  );
}
