// Medians and percentiles of a benchmark's samples.

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0
  );
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export interface Latencies {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function latencies(samples: readonly number[]): Latencies {
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: percentile(samples, 100),
  };
}
