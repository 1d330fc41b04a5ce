// Tiny assertion helpers that produce one-line reasons for the result table
// (node:assert's multi-line diffs are unreadable in a table cell).
import { ConformanceFailure } from './errors';

export function check(cond: unknown, message: string): asserts cond {
  if (!cond) throw new ConformanceFailure(message);
}

export function eq<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) {
    throw new ConformanceFailure(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

export function deepEq(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new ConformanceFailure(`${what}: expected ${e}, got ${a}`);
}
