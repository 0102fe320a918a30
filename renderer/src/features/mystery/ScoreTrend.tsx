import { Paper, Title, useMantineTheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { MysteryReport } from '../../../../shared/api/methods/mystery';
import { formatPercent } from '../evaluation/score-format';
import { periodLabel, shareOf } from './report-url';

const PERCENT_TICKS = [0, 25, 50, 75, 100];

/**
 * The mean score per month or wave as a line (as the agents' trend draws a score), and the share of
 * shops that passed as bars behind it: a mean can hold steady while fewer shops pass.
 */
export function ScoreTrend({ report }: { report: MysteryReport }) {
  const { t, i18n } = useTranslation();
  const theme = useMantineTheme();
  const percent = (value: unknown) => (typeof value === 'number' ? formatPercent(value, i18n.language) : '–');
  const rows = report.trend.map((period) => ({
    label: periodLabel(period.period, report.per, i18n.language),
    mean: period.meanPercent,
    passRate: shareOf(period.passed, period.shops),
    shops: period.shops,
  }));
  return (
    <Paper withBorder p="sm" data-testid="report-trend" data-points={rows.length}>
      <Title order={4} mb="xs">
        {t('mysteryReport.trend.title')}
      </Title>
      <div style={{ width: '100%', height: 260 }}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={rows} margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
            <CartesianGrid stroke={theme.colors.gray[2]} vertical={false} />
            <XAxis
              dataKey="label"
              tick={{ fontSize: 12, fill: theme.colors.gray[7] }}
              stroke={theme.colors.gray[4]}
              interval="preserveStartEnd"
            />
            <YAxis
              domain={[0, 100]}
              ticks={PERCENT_TICKS}
              tickFormatter={percent}
              tick={{ fontSize: 12, fill: theme.colors.gray[7] }}
              stroke={theme.colors.gray[4]}
              width={56}
            />
            <Tooltip
              formatter={(value, name) => [percent(value), name]}
              labelFormatter={(label, payload) =>
                `${String(label)} · ${t('mysteryReport.shopCount', { count: Number(payload?.[0]?.payload?.shops ?? 0) })}`
              }
            />
            <Legend
              verticalAlign="top"
              wrapperStyle={{ fontSize: 13, paddingBottom: 8 }}
              // Words in dark grey: a pale bar colour is no colour to read text in.
              formatter={(value: string) => <span style={{ color: theme.colors.gray[8] }}>{value}</span>}
            />
            <Bar
              name={t('mysteryReport.passRate')}
              dataKey="passRate"
              fill={theme.colors.teal[2]}
              maxBarSize={48}
              isAnimationActive={false}
            />
            <Line
              name={t('mysteryReport.mean')}
              dataKey="mean"
              stroke={theme.colors.indigo[6]}
              strokeWidth={3}
              dot={{ r: 4 }}
              connectNulls
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </Paper>
  );
}
