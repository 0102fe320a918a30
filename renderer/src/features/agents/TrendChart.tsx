import { Group, Paper, Stack, Text, useMantineTheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type DotItemDotProps,
  type TooltipContentProps,
  type TooltipValueType,
} from 'recharts';
import { formatDateTime } from '../../app/format';
import { formatPercent, ResultBadge } from '../evaluation/score-format';
import { formatShortDay } from './format-day';
import { sharedPassMark, type TrendRow, type TrendSection } from './trend-data';

const HEIGHT = 300;
const PERCENT_TICKS = [0, 25, 50, 75, 100];
/** Section lines after the overall (indigo) one; enough for any rubric we ship, then repeated. */
const SECTION_COLORS = ['teal', 'orange', 'grape', 'cyan', 'lime'] as const;

/**
 * The agent's evaluations over time: the overall score as a bold line, each section (courtesy,
 * competence) as a thinner dashed one. Each overall point has its outcome's shape and colour: a round
 * dot for a pass, an orange downward triangle below target, a red cross for a critical fail. Where the
 * evaluations shown share a pass mark, it is drawn across. Hovering shows the call, its date, rubric and
 * outcome; clicking a point opens that evaluation's summary.
 */
export function TrendChart({ rows, sections }: { rows: TrendRow[]; sections: TrendSection[] }) {
  const { t, i18n } = useTranslation();
  const theme = useMantineTheme();
  const navigate = useNavigate();
  const percent = (value: unknown) => (typeof value === 'number' ? formatPercent(value, i18n.language) : '–');
  const overallColor = theme.colors.indigo[6];
  const belowColor = theme.colors.orange[7];
  const failColor = theme.colors.red[7];
  const dateOf = new Map(rows.map((row) => [row.evaluationId, row.at]));
  const passMark = sharedPassMark(rows);

  // A critical fail scores 0 overall; its red cross says why the line drops.
  const overallDot = ({ cx, cy, payload, index }: DotItemDotProps) => {
    const { result } = payload as TrendRow;
    if (cx === undefined || cy === undefined || cx === null || cy === null) return <g key={index} />;
    const common = { stroke: 'white', strokeWidth: 1.5, 'data-outcome': result };
    if (result === 'criticalFail') {
      return (
        <path
          key={index}
          d={`M${cx - 5},${cy - 5}L${cx + 5},${cy + 5}M${cx + 5},${cy - 5}L${cx - 5},${cy + 5}`}
          stroke={failColor}
          strokeWidth={3}
          strokeLinecap="round"
          data-outcome={result}
        />
      );
    }
    if (result === 'belowTarget') {
      return (
        <path
          key={index}
          d={`M${cx - 6},${cy - 4}L${cx + 6},${cy - 4}L${cx},${cy + 6}Z`}
          fill={belowColor}
          {...common}
        />
      );
    }
    return <circle key={index} cx={cx} cy={cy} r={4} fill={overallColor} {...common} />;
  };

  return (
    <div
      data-testid="trend-chart"
      data-points={rows.length}
      style={{ width: '100%', height: HEIGHT, cursor: 'pointer' }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={rows}
          margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
          onClick={(state) => {
            const row = rows[Number(state.activeIndex ?? state.activeTooltipIndex)];
            if (row) void navigate(`/evaluation/${row.evaluationId}/summary`);
          }}
        >
          <CartesianGrid stroke={theme.colors.gray[2]} vertical={false} />
          <XAxis
            dataKey="evaluationId"
            tickFormatter={(id: number) => formatShortDay(dateOf.get(id), i18n.language)}
            tick={{ fontSize: 12, fill: theme.colors.gray[7] }}
            stroke={theme.colors.gray[4]}
            interval="preserveStartEnd"
            minTickGap={16}
            height={44}
            label={{
              value: t('agents.trend.xAxis'),
              position: 'insideBottom',
              fontSize: 12,
              fill: theme.colors.gray[6],
            }}
          />
          <YAxis
            domain={[0, 100]}
            ticks={PERCENT_TICKS}
            tickFormatter={percent}
            tick={{ fontSize: 12, fill: theme.colors.gray[7] }}
            stroke={theme.colors.gray[4]}
            width={64}
            label={{
              value: t('agents.trend.yAxis'),
              angle: -90,
              position: 'insideLeft',
              offset: 4,
              style: { textAnchor: 'middle' },
              fontSize: 12,
              fill: theme.colors.gray[6],
            }}
          />
          {passMark !== null && (
            <ReferenceLine
              y={passMark}
              stroke={theme.colors.gray[6]}
              strokeDasharray="2 3"
              ifOverflow="extendDomain"
              label={{
                value: t('evaluation.passMark', { percent: percent(passMark) }),
                position: 'insideBottomRight',
                fontSize: 11,
                fill: theme.colors.gray[7],
              }}
            />
          )}
          <Tooltip content={(props) => <TrendTooltip {...props} sections={sections} />} />
          {/* In drawing order (overall first), not alphabetically as recharts would. */}
          <Legend
            verticalAlign="top"
            height={32}
            iconType="plainline"
            itemSorter={null}
            wrapperStyle={{ fontSize: 13 }}
          />
          <Line
            name={t('agents.trend.overall')}
            dataKey="overall"
            stroke={overallColor}
            strokeWidth={3}
            dot={overallDot}
            activeDot={{ r: 7 }}
            connectNulls
            isAnimationActive={false}
          />
          {sections.map((section, index) => (
            <Line
              key={section.sectionId}
              name={section.title}
              dataKey={(row: TrendRow) => row.sections[section.sectionId] ?? null}
              stroke={theme.colors[SECTION_COLORS[index % SECTION_COLORS.length]!][6]}
              strokeWidth={2}
              strokeDasharray="6 4"
              dot={{ r: 3 }}
              activeDot={{ r: 5 }}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

function TrendTooltip({
  active,
  payload,
  sections,
}: TooltipContentProps<TooltipValueType, string | number> & { sections: TrendSection[] }) {
  const { t, i18n } = useTranslation();
  const row = payload?.[0]?.payload as TrendRow | undefined;
  if (!active || !row) return null;
  return (
    <Paper withBorder shadow="sm" p="xs" maw={320} data-testid="trend-tooltip">
      <Stack gap={2}>
        <Text size="sm" fw={700}>
          {row.interactionTitle}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDateTime(row.at, i18n.language)} · {row.rubricName}
        </Text>
        <Group gap="xs" mt={4} wrap="nowrap">
          <Text size="sm" fw={700}>
            {t('agents.trend.overall')}: {formatPercent(row.overall, i18n.language)}
          </Text>
          <ResultBadge result={row.result} size="sm" />
        </Group>
        {sections.map((section) => (
          <Text key={section.sectionId} size="xs">
            {section.title}: {formatPercent(row.sections[section.sectionId] ?? null, i18n.language)}
          </Text>
        ))}
        <Text size="xs" c="dimmed" mt={4}>
          {t('agents.trend.clickHint')}
        </Text>
      </Stack>
    </Paper>
  );
}
