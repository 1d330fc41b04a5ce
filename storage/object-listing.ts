import type { Database, Statement } from 'better-sqlite3';
import type { MetadataStore } from './contracts';
import { walk } from './list-walker';
import { LISTED_COLUMNS, LISTED_VERSION_COLUMNS, listedVersion } from './row-codec';
import type { ListResult, ListVersionsResult, ObjectVersion } from './types';

export type ObjectListing = Pick<MetadataStore, 'listObjects' | 'listObjectVersions' | 'countObjects'>;

type Raw<P extends unknown[]> = Statement<P, unknown[]>;

/** Decodes a raw-mode iterator lazily; returning early still closes (resets) the statement. */
function* listed(bucket: string, tuples: Iterable<unknown[]>): Generator<ObjectVersion> {
  for (const t of tuples) yield listedVersion(bucket, t);
}

/**
 * Two statements per range shape (bounded / unbounded) so each stays a plain indexed range scan,
 * both ending in LIMIT ? (the walk's `max`). Without a delimiter nothing rolls up, so the walk
 * reads every row it is given and the page is fetched in one all() (cheaper per row than an
 * iterator); with one, rows are read lazily, since a roll-up abandons the rest of a seek.
 */
function ranged(
  open: Raw<[string, string, number]>, bounded: Raw<[string, string, string, number]>, bucket: string, lazy: boolean,
) {
  return (from: string, to: string | undefined, max: number): Iterable<ObjectVersion> => {
    if (lazy) return listed(bucket, to === undefined ? open.iterate(bucket, from, max) : bounded.iterate(bucket, from, to, max));
    const rows = to === undefined ? open.all(bucket, from, max) : bounded.all(bucket, from, to, max);
    const out = new Array<ObjectVersion>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = listedVersion(bucket, rows[i]!);
    return out;
  };
}

export function objectListing(db: Database): ObjectListing {
  const raw = <P extends unknown[]>(sql: string): Raw<P> => db.prepare<P, unknown[]>(sql).raw(true);
  // The literal `is_latest = 1 AND is_delete_marker = 0` lets SQLite use the objects_current partial index.
  const current = `SELECT ${LISTED_COLUMNS} FROM objects
    WHERE bucket = ? AND is_latest = 1 AND is_delete_marker = 0 AND key >= ?`;
  const currentOpen = raw<[string, string, number]>(`${current} ORDER BY key LIMIT ?`);
  const currentBounded = raw<[string, string, string, number]>(`${current} AND key < ? ORDER BY key LIMIT ?`);
  const versions = `SELECT ${LISTED_VERSION_COLUMNS} FROM objects WHERE bucket = ? AND key >= ?`;
  const versionsOpen = raw<[string, string, number]>(`${versions} ORDER BY key, seq DESC LIMIT ?`);
  const versionsBounded = raw<[string, string, string, number]>(`${versions} AND key < ? ORDER BY key, seq DESC LIMIT ?`);
  const versionSeq = db.prepare<[string, string, string], { seq: number }>(
    'SELECT seq FROM objects WHERE bucket = ? AND key = ? AND version_id = ?');
  const olderThan = raw<[string, string, number]>(
    `SELECT ${LISTED_VERSION_COLUMNS} FROM objects WHERE bucket = ? AND key = ? AND seq < ? ORDER BY seq DESC`);
  const countCurrent = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM objects WHERE bucket = ? AND is_latest = 1 AND is_delete_marker = 0');

  return {
    listObjects(bucket, opts): ListResult {
      const { entries, isTruncated } = walk({
        prefix: opts.prefix ?? '',
        delimiter: opts.delimiter || undefined,
        marker: opts.after,
        limit: opts.maxKeys,
        seek: ranged(currentOpen, currentBounded, bucket, !!opts.delimiter),
      });
      const objects: ObjectVersion[] = [];
      const commonPrefixes: string[] = [];
      for (const e of entries) {
        if (e.row) objects.push(e.row);
        else commonPrefixes.push(e.prefix);
      }
      const last = entries[entries.length - 1];
      // Only a truncated page needs a place to resume from: the last key or common prefix returned.
      const nextMarker = isTruncated && last ? (last.row ? last.row.key : last.prefix) : undefined;
      return { objects, commonPrefixes, isTruncated, ...(nextMarker === undefined ? {} : { nextMarker }) };
    },

    listObjectVersions(bucket, opts): ListVersionsResult {
      const { keyMarker, versionIdMarker } = opts;
      // With a version-id marker, the rest of the marker key's versions (older ones) come first.
      const head = keyMarker && versionIdMarker
        ? () => {
          const at = versionSeq.get(bucket, keyMarker, versionIdMarker);
          return at ? listed(bucket, olderThan.iterate(bucket, keyMarker, at.seq)) : [];
        }
        : undefined;
      const { entries, isTruncated } = walk({
        prefix: opts.prefix ?? '',
        delimiter: opts.delimiter || undefined,
        marker: keyMarker,
        limit: opts.maxKeys,
        ...(head ? { head } : {}),
        seek: ranged(versionsOpen, versionsBounded, bucket, !!opts.delimiter),
      });
      const versions: ObjectVersion[] = [];
      const commonPrefixes: string[] = [];
      for (const e of entries) {
        if (e.row) versions.push(e.row);
        else commonPrefixes.push(e.prefix);
      }
      const last = entries[entries.length - 1];
      if (!isTruncated || !last) return { versions, commonPrefixes, isTruncated };
      return last.row
        ? { versions, commonPrefixes, isTruncated, nextKeyMarker: last.row.key, nextVersionIdMarker: last.row.versionId }
        : { versions, commonPrefixes, isTruncated, nextKeyMarker: last.prefix };
    },

    /** Current objects (latest versions that are not delete markers). */
    countObjects(bucket) {
      return countCurrent.get(bucket)?.n ?? 0;
    },
  };
}
