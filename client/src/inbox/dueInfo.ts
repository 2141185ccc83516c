import dayjs from 'dayjs';

export interface DueInfo {
  overdue: boolean;
  /** Whole calendar days to the deadline; negative once it has passed. */
  days: number;
}

/** How a deadline stands today, by calendar day as people count it, not by hours. */
export function dueInfo(dueAt: string | null, now: dayjs.Dayjs = dayjs()): DueInfo | null {
  if (!dueAt) return null;
  const due = dayjs(dueAt);
  return { overdue: due.isBefore(now), days: due.startOf('day').diff(now.startOf('day'), 'day') };
}
