import { Group, Input, RangeSlider, Text } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LibraryFilters } from '../../../../shared/api';
import { formatPercent } from '../evaluation/score-format';
import { scoreBounds } from './library-url';

type Bounds = Pick<LibraryFilters, 'scoreMin' | 'scoreMax'>;

/**
 * Score range of the latest submitted evaluation, in steps of 5 so the arrow keys get anywhere in a few
 * presses. The view changes when a thumb is let go (or a key press settles), not on every step of a drag.
 */
export function ScoreFilter({ value, onChange }: { value: Bounds; onChange: (next: Bounds) => void }) {
  const { t, i18n } = useTranslation();
  const fromUrl: [number, number] = [value.scoreMin ?? 0, value.scoreMax ?? 100];
  const [range, setRange] = useState(fromUrl);
  // Follow the URL when it changes from outside (Clear filters, back button) without remounting, which
  // would take the keyboard focus off the thumb.
  const [seen, setSeen] = useState(fromUrl);
  if (seen[0] !== fromUrl[0] || seen[1] !== fromUrl[1]) {
    setSeen(fromUrl);
    setRange(fromUrl);
  }
  const commit = useDebouncedCallback((next: [number, number]) => onChange(scoreBounds(next)), 250);
  const percent = (n: number) => formatPercent(n, i18n.language);
  const any = range[0] === 0 && range[1] === 100;

  return (
    <Input.Wrapper
      w={210}
      label={
        <Group gap={6} wrap="nowrap">
          {t('library.filter.score')}
          <Text span size="sm" c="dimmed" data-testid="library-score-range">
            {any
              ? t('library.filter.scoreAny')
              : t('library.filter.scoreRange', { min: percent(range[0]), max: percent(range[1]) })}
          </Text>
        </Group>
      }
    >
      <RangeSlider
        min={0}
        max={100}
        step={5}
        minRange={0}
        value={range}
        onChange={setRange}
        onChangeEnd={commit}
        label={percent}
        color={any ? 'gray' : undefined} // grey while it narrows nothing
        thumbFromLabel={t('library.filter.scoreFrom')}
        thumbToLabel={t('library.filter.scoreTo')}
        mt={10}
        mb={6}
        data-testid="library-score"
      />
    </Input.Wrapper>
  );
}
