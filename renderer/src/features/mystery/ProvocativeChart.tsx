import { Paper, Text, Title, useMantineTheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MysteryReport } from '../../../../shared/api/methods/mystery';
import { periodLabel } from './report-url';

/**
 * How the provocative question was answered, month by month (or wave by wave): one stacked bar per
 * period, best answer at the bottom in teal, a fail (irritated, dishonest) on top in red.
 */
export function ProvocativeChart({ report }: { report: MysteryReport }) {
  const { t, i18n } = useTranslation();
  const theme = useMantineTheme();
  const { provocative } = report;
  if (!provocative) {
    return (
      <Paper withBorder p="sm" data-testid="report-provocative" data-state="none">
        <Title order={4}>{t('mysteryReport.provocative.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('mysteryReport.provocative.none')}
        </Text>
      </Paper>
    );
  }
  const passing = provocative.options.filter((o) => !o.fail);
  // Best answer teal, the next ones towards orange; a fail option is always red.
  const passingColors = [
    theme.colors.teal[6],
    theme.colors.orange[4],
    theme.colors.yellow[5],
    theme.colors.grape[4],
  ];
  const colorOf = (id: string) => {
    const option = provocative.options.find((o) => o.id === id)!;
    if (option.fail) return theme.colors.red[7];
    return passingColors[passing.indexOf(option) % passingColors.length]!;
  };
  const rows = provocative.periods.map((p) => ({
    label: periodLabel(p.period, report.per, i18n.language),
    ...Object.fromEntries(provocative.options.map((o) => [o.id, p.counts[o.id] ?? 0])),
  }));
  return (
    <Paper withBorder p="sm" data-testid="report-provocative" data-state="shown">
      <Title order={4} mb="xs">
        {t('mysteryReport.provocative.title')}
      </Title>
      <div style={{ width: '100%', height: 240 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
            <CartesianGrid stroke={theme.colors.gray[2]} vertical={false} />
            <XAxis
              dataKey="label"
              tick={{ fontSize: 12, fill: theme.colors.gray[7] }}
              stroke={theme.colors.gray[4]}
            />
            <YAxis
              allowDecimals={false}
              tick={{ fontSize: 12, fill: theme.colors.gray[7] }}
              stroke={theme.colors.gray[4]}
              width={40}
              label={{
                value: t('mysteryReport.shops'),
                angle: -90,
                position: 'insideLeft',
                style: { textAnchor: 'middle' },
                fontSize: 12,
                fill: theme.colors.gray[6],
              }}
            />
            <Tooltip />
            <Legend
              verticalAlign="top"
              wrapperStyle={{ fontSize: 13, paddingBottom: 8 }}
              // Words in dark grey: a pale bar colour is no colour to read text in.
              formatter={(value: string) => <span style={{ color: theme.colors.gray[8] }}>{value}</span>}
            />
            {provocative.options.map((option) => (
              <Bar
                key={option.id}
                dataKey={option.id}
                name={option.label}
                stackId="answers"
                fill={colorOf(option.id)}
                maxBarSize={56}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </Paper>
  );
}
