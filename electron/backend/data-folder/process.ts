import { readFileSync } from 'node:fs';

/** Whether a process with this id exists on this computer (signal 0 only asks). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/**
 * What tells this very process from a later one given the same pid: on Linux the boot id and the
 * process's start time (in clock ticks since boot). Elsewhere undefined, and a live pid is trusted.
 */
export function processIdentity(pid: number): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime); the command name in field 2 may hold spaces, so count from its ')'.
    const startTime = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return boot && startTime ? `${boot}/${startTime}` : undefined;
  } catch {
    return undefined;
  }
}
