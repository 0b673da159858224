/** Progress of long work on a terminal (nothing when stderr is not a TTY, e.g. in cron or CI). */
import cliProgress from 'cli-progress';
import type { ProgressEvent } from '../../connectors/contract.ts';

export function snapshotProgress(stream: NodeJS.WriteStream = process.stderr) {
  if (!stream.isTTY) return { onProgress: undefined, stop: () => {} };
  const bars = new cliProgress.MultiBar(
    {
      stream,
      format: ' {side} {table} |{bar}| {value} rows',
      hideCursor: true,
      clearOnComplete: false,
      barsize: 24,
    },
    cliProgress.Presets.shades_classic,
  );
  const byKey = new Map<string, cliProgress.SingleBar>();
  return {
    onProgress(event: ProgressEvent) {
      const key = `${event.side}.${event.table}`;
      let bar = byKey.get(key);
      const total = event.expectedRows ?? Math.max(event.rows, 1);
      if (!bar) {
        bar = bars.create(total, 0, { side: event.side.padEnd(3), table: event.table.padEnd(18) });
        byKey.set(key, bar);
      }
      bar.setTotal(event.done ? Math.max(event.rows, 1) : Math.max(total, event.rows));
      bar.update(event.rows);
    },
    stop: () => bars.stop(),
  };
}
