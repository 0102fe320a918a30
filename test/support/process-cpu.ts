import { existsSync, readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time from Linux's /proc, a figure the machine's other load changes little. Fields after the
 * command name: state is [0], ppid [1], utime [11], stime [12], cutime [13], cstime [14].
 */
const stat = (pid: number | string) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
const ticks = (fields: string[], from: number, to: number) =>
  fields.slice(from, to + 1).reduce((sum, value) => sum + Number(value), 0);
const USER_HZ = 100; // on Linux

/** CPU seconds one process has used so far, or null where the system does not tell (or it is gone). */
export function processCpuSeconds(pid: number): number | null {
  try {
    return ticks(stat(pid), 11, 12) / USER_HZ;
  } catch {
    return null;
  }
}

/** A parent's CPU time with its ended children's, plus each running child's (a PostgreSQL postmaster's). */
export function familyCpuSeconds(parent: number | null): number | null {
  if (parent === null || !existsSync(`/proc/${parent}/stat`)) return null;
  let total = ticks(stat(parent), 11, 14);
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const fields = stat(pid);
      if (Number(fields[1]) === parent) total += ticks(fields, 11, 12);
    } catch {
      // ended while we looked
    }
  }
  return total / USER_HZ;
}
