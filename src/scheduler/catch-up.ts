/**
 * Missed runs: when the server was down at a company's scheduled time, the snapshot is taken at start-up.
 * The latest scheduled instant is found by walking back minute by minute (a week at most) with the cron
 * task's own matcher, in the company's time zone; if no run started since, the run was missed.
 */
export interface CronMatcher {
  match(date: Date): boolean;
}

const MINUTE = 60_000;

/** The latest instant at or before `now` the schedule fires (whole minutes), within `lookbackDays`. */
export function lastScheduledBefore(task: CronMatcher, now: Date, lookbackDays = 8): Date | null {
  let t = Math.floor(now.getTime() / MINUTE) * MINUTE;
  const stop = t - lookbackDays * 24 * 60 * MINUTE;
  for (; t >= stop; t -= MINUTE) {
    if (task.match(new Date(t))) return new Date(t);
  }
  return null;
}

/** Whether a run is owed: the schedule fired since the company's last run started (or it never ran). */
export function missedRun(
  task: CronMatcher,
  lastRunStartedAt: string | null | undefined,
  now: Date,
): Date | null {
  const scheduled = lastScheduledBefore(task, now);
  if (!scheduled) return null;
  if (lastRunStartedAt && Date.parse(lastRunStartedAt) >= scheduled.getTime()) return null;
  return scheduled;
}
