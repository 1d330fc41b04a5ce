import { compareUtf8, keyAfter, prefixSuccessor, rollUp } from './utf8-order';

/** One listing entry: a row (object, version or upload) or a rolled-up common prefix. */
export type Entry<R> = { readonly row: R; readonly prefix?: undefined } | { readonly prefix: string; readonly row?: undefined };

export interface WalkSpec<R extends { readonly key: string }> {
  readonly prefix: string;
  readonly delimiter: string | undefined;
  /** Results start strictly after this key, and after its whole common prefix when it rolls up into one. */
  readonly marker: string | undefined;
  /** Entries to return; keys and common prefixes count alike, as in S3. */
  readonly limit: number;
  /** Remaining rows of the marker key itself (version-id / upload-id markers), listed first. */
  readonly head?: () => Iterable<R>;
  /**
   * Rows with from <= key < to (to undefined: unbounded), ordered by key. The walk reads at
   * most `max` of them (the entries still wanted, plus one to see whether more follow), so a
   * seek may stop there.
   */
  readonly seek: (from: string, to: string | undefined, max: number) => Iterable<R>;
}

export interface WalkResult<R> {
  readonly entries: Entry<R>[];
  readonly isTruncated: boolean;
}

/**
 * The S3 listing loop shared by objects, versions and uploads. When a row rolls up into a
 * common prefix, the walk re-seeks past the whole prefix (one index seek) instead of reading
 * the keys underneath it; leaving the for-of resets the statement iterator.
 */
export function walk<R extends { readonly key: string }>(spec: WalkSpec<R>): WalkResult<R> {
  const entries: Entry<R>[] = [];
  // max-keys=0 returns nothing and, like S3, is not reported as truncated.
  if (spec.limit <= 0) return { entries, isTruncated: false };
  const { prefix, delimiter } = spec;
  const to = prefix ? prefixSuccessor(prefix) : undefined;
  let from: string | undefined = prefix;

  if (spec.marker) {
    const markerPrefix = rollUp(spec.marker, prefix, delimiter);
    if (markerPrefix === undefined && spec.head && spec.marker.startsWith(prefix)) {
      for (const row of spec.head()) {
        if (entries.length === spec.limit) return { entries, isTruncated: true };
        entries.push({ row });
      }
    }
    // A marker inside a common prefix means that prefix was already listed (it sorts at its
    // own position, before the marker), so it is skipped rather than returned twice.
    const afterMarker = markerPrefix === undefined ? keyAfter(spec.marker) : prefixSuccessor(markerPrefix);
    if (afterMarker === undefined) return { entries, isTruncated: false };
    if (compareUtf8(afterMarker, from) > 0) from = afterMarker;
  }

  seeking: while (from !== undefined) {
    for (const row of spec.seek(from, to, spec.limit - entries.length + 1)) {
      if (entries.length === spec.limit) return { entries, isTruncated: true };
      const common = rollUp(row.key, prefix, delimiter);
      if (common === undefined) {
        entries.push({ row });
        continue;
      }
      entries.push({ prefix: common });
      from = prefixSuccessor(common);
      continue seeking;
    }
    break;
  }
  return { entries, isTruncated: false };
}
