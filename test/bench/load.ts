// Closed-loop load generator: `concurrency` workers each issue one request at a
// time until the count or the time budget runs out, whichever comes first.
import type { Outcome } from './client';

export interface LoadSpec {
  concurrency: number;
  maxOps: number;
  maxSeconds: number;
  /** Issues request number `i`. */
  op: (i: number) => Promise<Outcome>;
  /** When set, a 2xx response of another length counts as an error (truncated GET). */
  expectBytes?: number;
  /**
   * When set, a 2xx response whose `x-amz-server-side-encryption` differs counts as an
   * error: proves every timed request of an SSE-KMS row really went through SSE-KMS.
   */
  expectSse?: string;
}

export interface LoadResult {
  ops: number;
  errors: number;
  firstError?: string;
  seconds: number;
  bytes: number;
  latenciesMs: number[];
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let issued = 0;
  let errors = 0;
  let bytes = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + spec.maxSeconds * 1000;

  const fail = (why: string): void => {
    errors++;
    firstError ??= why;
  };

  const worker = async (): Promise<void> => {
    while (issued < spec.maxOps && performance.now() < deadline) {
      const i = issued++;
      const t0 = performance.now();
      try {
        const out = await spec.op(i);
        const ms = performance.now() - t0;
        if (out.status < 200 || out.status > 299) fail(`HTTP ${out.status}`);
        else if (spec.expectBytes !== undefined && out.bytes !== spec.expectBytes) {
          fail(`got ${out.bytes} bytes, expected ${spec.expectBytes}`);
        } else if (spec.expectSse !== undefined && out.sse !== spec.expectSse) {
          fail(`x-amz-server-side-encryption ${out.sse ?? '(absent)'}, expected ${spec.expectSse}`);
        } else {
          // Only successes count: a fast 403 must not look like throughput.
          latenciesMs.push(ms);
          bytes += out.bytes;
        }
      } catch (err) {
        fail(err instanceof Error ? err.message : String(err));
      }
    }
  };

  await Promise.all(Array.from({ length: spec.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { ops: latenciesMs.length, errors, firstError, seconds, bytes, latenciesMs };
}

/** Nearest-rank percentile; `p` in [0, 100]. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
