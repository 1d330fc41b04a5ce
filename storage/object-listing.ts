import type { Database, Statement } from 'better-sqlite3';
import type { MetadataStore } from './contracts';
import { walk } from './list-walker';
import { LISTING_COLUMNS, objectRows, toObjectVersion, type ObjectRow } from './row-codec';
import type { ListResult, ListVersionsResult, ObjectVersion } from './types';

export type ObjectListing = Pick<MetadataStore, 'listObjects' | 'listObjectVersions' | 'countObjects'>;

type Raw<P extends unknown[]> = Statement<P, unknown[]>;

/** Two statements per range shape (bounded / unbounded) so each stays a plain indexed range scan. */
function ranged(open: Raw<[string, string]>, bounded: Raw<[string, string, string]>, bucket: string) {
  return (from: string, to: string | undefined): Iterable<ObjectRow> =>
    objectRows(to === undefined ? open.iterate(bucket, from) : bounded.iterate(bucket, from, to));
}

export function objectListing(db: Database): ObjectListing {
  const raw = <P extends unknown[]>(sql: string): Raw<P> => db.prepare<P, unknown[]>(sql).raw(true);
  // The literal `is_latest = 1 AND is_delete_marker = 0` lets SQLite use the objects_current partial index.
  const current = `SELECT ${LISTING_COLUMNS} FROM objects
    WHERE bucket = ? AND is_latest = 1 AND is_delete_marker = 0 AND key >= ?`;
  const currentOpen = raw<[string, string]>(`${current} ORDER BY key`);
  const currentBounded = raw<[string, string, string]>(`${current} AND key < ? ORDER BY key`);
  const versions = `SELECT ${LISTING_COLUMNS} FROM objects WHERE bucket = ? AND key >= ?`;
  const versionsOpen = raw<[string, string]>(`${versions} ORDER BY key, seq DESC`);
  const versionsBounded = raw<[string, string, string]>(`${versions} AND key < ? ORDER BY key, seq DESC`);
  const versionSeq = db.prepare<[string, string, string], { seq: number }>(
    'SELECT seq FROM objects WHERE bucket = ? AND key = ? AND version_id = ?');
  const olderThan = raw<[string, string, number]>(
    `SELECT ${LISTING_COLUMNS} FROM objects WHERE bucket = ? AND key = ? AND seq < ? ORDER BY seq DESC`);
  const countCurrent = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM objects WHERE bucket = ? AND is_latest = 1 AND is_delete_marker = 0');

  return {
    listObjects(bucket, opts): ListResult {
      const { entries, isTruncated } = walk({
        prefix: opts.prefix ?? '',
        delimiter: opts.delimiter || undefined,
        marker: opts.after,
        limit: opts.maxKeys,
        seek: ranged(currentOpen, currentBounded, bucket),
      });
      const objects: ObjectVersion[] = [];
      const commonPrefixes: string[] = [];
      for (const e of entries) {
        if (e.row) objects.push(toObjectVersion(e.row));
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
          return at ? objectRows(olderThan.iterate(bucket, keyMarker, at.seq)) : [];
        }
        : undefined;
      const { entries, isTruncated } = walk({
        prefix: opts.prefix ?? '',
        delimiter: opts.delimiter || undefined,
        marker: keyMarker,
        limit: opts.maxKeys,
        ...(head ? { head } : {}),
        seek: ranged(versionsOpen, versionsBounded, bucket),
      });
      const versions: ObjectVersion[] = [];
      const commonPrefixes: string[] = [];
      for (const e of entries) {
        if (e.row) versions.push(toObjectVersion(e.row));
        else commonPrefixes.push(e.prefix);
      }
      const last = entries[entries.length - 1];
      if (!isTruncated || !last) return { versions, commonPrefixes, isTruncated };
      return last.row
        ? { versions, commonPrefixes, isTruncated, nextKeyMarker: last.row.key, nextVersionIdMarker: last.row.version_id }
        : { versions, commonPrefixes, isTruncated, nextKeyMarker: last.prefix };
    },

    /** Current objects (latest versions that are not delete markers). */
    countObjects(bucket) {
      return countCurrent.get(bucket)?.n ?? 0;
    },
  };
}
