// Runs scenarios sequentially (deterministic, and gentle on a real account),
// each with its own harness so that cleanup happens even when a step throws.
import type { ConformanceOptions, ConformanceSummary, Scenario, ScenarioResult } from './types';
import { createHarness } from './lib/context';
import { errorInfo, describe } from './lib/errors';
import { allScenarios } from './scenarios';

function reasonOf(err: unknown): string {
  if (err instanceof Error && (err.name === 'ConformanceFailure')) return err.message;
  const info = errorInfo(err);
  // An unexpected SDK error: show the S3 code and status it carried.
  return `unexpected error ${describe(info)}`;
}

function withTimeout<T>(p: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export async function runScenario(s: Scenario, opts: ConformanceOptions): Promise<ScenarioResult> {
  const started = Date.now();
  const harness = createHarness(opts);
  let reason: string | undefined;
  try {
    await withTimeout(s.run(harness.ctx), opts.timeoutMs ?? 60_000, s.name);
  } catch (err: unknown) {
    reason = err instanceof Error && /timed out after/.test(err.message) ? err.message : reasonOf(err);
  }
  // A bucket left behind on a real account is a defect of its own.
  const cleanupProblem = await harness.cleanup().catch((err: unknown) => `cleanup threw: ${reasonOf(err)}`);
  if (cleanupProblem) reason = reason ? `${reason}; ${cleanupProblem}` : cleanupProblem;
  return { name: s.name, passed: reason === undefined, ms: Date.now() - started, reason };
}

export function selectScenarios(only?: string): Scenario[] {
  const needle = only?.toLowerCase();
  return needle ? allScenarios.filter((s) => s.name.toLowerCase().includes(needle)) : [...allScenarios];
}

export async function runConformance(opts: ConformanceOptions): Promise<ConformanceSummary> {
  const results: ScenarioResult[] = [];
  for (const s of selectScenarios(opts.only)) {
    const r = await runScenario(s, opts);
    results.push(r);
    opts.onResult?.(r);
  }
  const passed = results.filter((r) => r.passed).length;
  return { passed, failed: results.length - passed, results };
}
