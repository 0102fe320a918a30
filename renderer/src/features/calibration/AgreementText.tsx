import { Group, Text, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlphaFigure, KappaFigure } from '../../../../shared/api/methods/calibration';

const decimals = (value: number, language: string) =>
  new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);

/** "0.81: reviewers agree well beyond chance", with the 95 % interval where there is one. */
export function AlphaText({ figure, testId }: { figure: AlphaFigure | null; testId?: string }) {
  const { t, i18n } = useTranslation();
  if (!figure)
    return (
      <Text size="sm" c="dimmed" data-testid={testId}>
        {t('calibration.figures.none')}
      </Text>
    );
  const { interval } = figure;
  return (
    <FigureText symbol="α" help={t('calibration.figures.alphaHelp')} figure={figure} testId={testId}>
      {t('calibration.figures.sentence', {
        value: decimals(figure.value, i18n.language),
        words: t(`calibration.alpha.${figure.band}`),
      })}
      {/* An interval that cannot vary (everyone always agreed) says nothing. */}
      {interval &&
        interval.upper - interval.lower >= 0.005 &&
        ` ${t('calibration.figures.interval', {
          lower: decimals(interval.lower, i18n.language),
          upper: decimals(interval.upper, i18n.language),
          confidence: Math.round(interval.confidence * 100),
        })}`}
    </FigureText>
  );
}

/** "κ 0.45: moderate agreement beyond chance" (Landis and Koch's words). */
export function KappaText({ figure, testId }: { figure: KappaFigure | null; testId?: string }) {
  const { t, i18n } = useTranslation();
  if (!figure) return null;
  return (
    <FigureText symbol="κ" help={t('calibration.figures.kappaHelp')} figure={figure} testId={testId}>
      {t('calibration.figures.sentence', {
        value: decimals(figure.value, i18n.language),
        words: t(`calibration.kappa.${figure.band}`),
      })}
    </FigureText>
  );
}

/** The figure's symbol (its explanation on hover) beside the sentence saying what it means. */
function FigureText({
  symbol,
  help,
  figure,
  testId,
  children,
}: {
  symbol: string;
  help: string;
  figure: { value: number; band: string };
  testId: string | undefined;
  children: ReactNode;
}) {
  return (
    <Group
      gap={6}
      wrap="nowrap"
      align="flex-start"
      data-testid={testId}
      data-value={figure.value.toFixed(3)}
      data-band={figure.band}
    >
      <Tooltip label={help} multiline w={320}>
        <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
          {symbol}
        </Text>
      </Tooltip>
      <Text size="sm">{children}</Text>
    </Group>
  );
}

/** A share as a whole percent: 0.667 → 67 %. */
export const sharePercent = (share: number | null, language: string) =>
  share === null
    ? '–'
    : new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(share);

/** A lean in percentage points of the best answer, signed: +12 %, −5 %. */
export const leanPercent = (lean: number | null, language: string) =>
  lean === null
    ? '–'
    : new Intl.NumberFormat(language, {
        style: 'percent',
        maximumFractionDigits: 0,
        signDisplay: 'exceptZero',
      }).format(lean);
