/**
 * The speed targets the benchmarks are held to. Each is a figure of `npm run bench` measured against a
 * baseline of the same run (or a throughput), so it means the same on any machine; the run prints
 * every target with its figure and `pass` or `miss`, and a missed target is reported, not hidden.
 */
export interface Target {
  figure: string;
  /** `max`: the figure must be at most `limit`; `min`: at least. */
  kind: 'max' | 'min';
  limit: number;
  what: string;
}

export const TARGETS: readonly Target[] = [
  {
    figure: 'import_segments_per_s',
    kind: 'min',
    limit: 100_000,
    what: 'bulk import of chat exports, search index included',
  },
  {
    figure: 'pg_import_segments_per_s',
    kind: 'min',
    limit: 100_000,
    what: 'the same bulk import on PostgreSQL (COPY, tsvector and GIN index included)',
  },
  {
    figure: 'pg_search_ranked_ms_p95',
    kind: 'max',
    limit: 100,
    what: 'ranked full-text search on PostgreSQL, 1,000,000 segments (full run; server as pg_search_server)',
  },
  {
    figure: 'peaks_wav_vs_read_ratio',
    kind: 'max',
    limit: 2,
    what: 'peaks of a 2-hour stereo WAV against a plain read of it',
  },
  {
    figure: 'peaks_mp3_vs_ffmpeg_ratio',
    kind: 'max',
    limit: 2.5,
    what: "peaks of a 2-hour MP3 against ffmpeg's decode",
  },
  {
    figure: 'team_load_ms_p95',
    kind: 'max',
    limit: 50,
    what: 'a request of 50 reviewers at work on two team server processes on one PostgreSQL',
  },
  {
    figure: 'team_load_errors',
    kind: 'max',
    limit: 0,
    what: 'requests of that load not answered 2xx',
  },
];

export type Verdict = 'pass' | 'miss' | 'not measured';

export function verdict(target: Target, value: unknown): Verdict {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'not measured';
  const met = target.kind === 'max' ? value <= target.limit : value >= target.limit;
  return met ? 'pass' : 'miss';
}

/** One line a target: `import_segments_per_s  104512  (target >= 100000)  pass  bulk import of ...`. */
export function describeTargets(figures: Record<string, unknown>): {
  lines: string[];
  verdicts: Record<string, Verdict>;
} {
  const lines: string[] = [];
  const verdicts: Record<string, Verdict> = {};
  for (const target of TARGETS) {
    const value = figures[target.figure];
    const result = verdict(target, value);
    verdicts[`target_${target.figure}`] = result;
    const bound = `(target ${target.kind === 'max' ? '<=' : '>='} ${target.limit})`;
    lines.push(
      `${target.figure.padEnd(36)} ${String(value ?? '-').padEnd(10)} ${bound.padEnd(18)} ${result.padEnd(12)} ${target.what}`,
    );
  }
  return { lines, verdicts };
}
