/**
 * "Today" for due dates. An action item is due on a calendar day the coach picked in their own time zone,
 * so it is overdue from the next local day on, not from midnight UTC. The day comes from the backend's
 * clock (../../clock), which tests set, because an overdue flag that depends on when the suite runs
 * proves nothing.
 */
export { localDate, localToday as today } from '../../clock';

/** Not done, and due before today. */
export const isOverdue = (dueOn: string, doneAt: string | null, on: string): boolean =>
  doneAt === null && dueOn < on;
