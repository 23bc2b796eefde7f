import { performance } from 'node:perf_hooks';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** One line of figures: sample count, p50, p99 and operations per second of wall time. */
export function report(name: string, samplesMs: number[], wallMs?: number) {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const elapsed = wallMs ?? samplesMs.reduce((s, x) => s + x, 0);
  console.log(
    `${name.padEnd(52)} n=${String(samplesMs.length).padStart(6)}  p50=${percentile(sorted, 50).toFixed(2).padStart(7)} ms  p99=${percentile(sorted, 99).toFixed(2).padStart(7)} ms  ${(samplesMs.length / (elapsed / 1000)).toFixed(0).padStart(6)} ops/s`,
  );
}

/** Runs `total` calls of `fn` with `concurrency` workers; returns each call's latency and the wall time. */
export async function load(
  total: number,
  concurrency: number,
  fn: (i: number) => Promise<unknown>,
) {
  const samples: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        await fn(i);
        samples.push(performance.now() - t0);
      }
    }),
  );
  return { samples, wallMs: performance.now() - start };
}
