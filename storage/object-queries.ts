import type { Database } from 'better-sqlite3';
import type { MetadataStore } from './contracts';
import { encodeJson } from './json-narrow';
import { isWellFormedVersionId, newVersionId, NULL_VERSION_ID, type RandomSource } from './opaque-id';
import {
  blobsOf, OBJECT_COLUMNS, objectParams, objectRowFrom, toObjectVersion, type ObjectParams, type ObjectRow,
} from './row-codec';
import {
  StorageError, type DeleteResult, type NewObjectVersion, type PutResult, type VersioningState,
} from './types';

export type ObjectQueries = Pick<MetadataStore,
  'putObject' | 'getObject' | 'deleteObject' | 'setObjectTags' | 'setObjectLock'> & {
  /** putObject without its own transaction, for completeUpload. */
  addVersion(obj: NewObjectVersion, isDeleteMarker: boolean): PutResult & { replaced?: ObjectRow };
};

const optional = (t: unknown[] | undefined): ObjectRow | undefined => (t === undefined ? undefined : objectRowFrom(t));

export function objectQueries(
  db: Database, random: RandomSource, versioningOf: (bucket: string) => VersioningState,
): ObjectQueries {
  const latestRaw = db.prepare<[string, string], unknown[]>(
    `SELECT ${OBJECT_COLUMNS} FROM objects WHERE bucket = ? AND key = ? ORDER BY seq DESC LIMIT 1`).raw(true);
  const byVersionRaw = db.prepare<[string, string, string], unknown[]>(
    `SELECT ${OBJECT_COLUMNS} FROM objects WHERE bucket = ? AND key = ? AND version_id = ?`).raw(true);
  const latest = { get: (b: string, k: string) => optional(latestRaw.get(b, k)) };
  const byVersion = { get: (b: string, k: string, v: string) => optional(byVersionRaw.get(b, k, v)) };
  const clearLatest = db.prepare<[string, string]>(
    'UPDATE objects SET is_latest = 0 WHERE bucket = ? AND key = ? AND is_latest = 1');
  const removeSeq = db.prepare<[number]>('DELETE FROM objects WHERE seq = ?');
  // Newest = highest seq, so promotion after deleting the latest is one indexed update.
  const promote = db.prepare<[string, string]>(
    `UPDATE objects SET is_latest = 1 WHERE seq =
       (SELECT seq FROM objects WHERE bucket = ? AND key = ? ORDER BY seq DESC LIMIT 1)`);
  const insert = db.prepare<[ObjectParams]>(
    `INSERT INTO objects (bucket, key, version_id, is_latest, is_delete_marker, blob_id, size, etag,
       last_modified, owner_id, storage_class, headers, user_metadata, tags, checksums, checksum_type,
       parts, encryption, lock)
     VALUES (@bucket, @key, @version_id, @is_latest, @is_delete_marker, @blob_id, @size, @etag,
       @last_modified, @owner_id, @storage_class, @headers, @user_metadata, @tags, @checksums,
       @checksum_type, @parts, @encryption, @lock)`);
  const setTags = db.prepare<[string | null, string, string, string]>(
    'UPDATE objects SET tags = ? WHERE bucket = ? AND key = ? AND version_id = ?');
  const setLock = db.prepare<[string | null, string, string, string]>(
    'UPDATE objects SET lock = ? WHERE bucket = ? AND key = ? AND version_id = ?');

  /** Enabled: a new id. Unversioned/Suspended: the null version, replacing any earlier one wherever it sits. */
  function addVersion(obj: NewObjectVersion, isDeleteMarker: boolean): PutResult & { replaced?: ObjectRow } {
    const state = versioningOf(obj.bucket);
    let versionId = NULL_VERSION_ID;
    let replaced: ObjectRow | undefined;
    if (state === 'Enabled') {
      versionId = newVersionId(random);
    } else {
      replaced = byVersion.get(obj.bucket, obj.key, NULL_VERSION_ID);
      if (replaced) removeSeq.run(replaced.seq);
    }
    clearLatest.run(obj.bucket, obj.key);
    const params = objectParams(obj, versionId, isDeleteMarker);
    insert.run(params);
    return {
      version: toObjectVersion(params),
      garbageBlobIds: replaced ? blobsOf(replaced).filter((id) => id !== obj.blobId) : [],
      ...(replaced ? { replaced } : {}),
    };
  }

  /** Permanent removal of one version; the next newest becomes latest if it was latest. */
  function removeVersion(row: ObjectRow): DeleteResult {
    removeSeq.run(row.seq);
    if (row.is_latest === 1) promote.run(row.bucket, row.key);
    return { removed: toObjectVersion(row), garbageBlobIds: blobsOf(row) };
  }

  const deleteObject = db.transaction((
    bucket: string, key: string, versionId: string | undefined, now: Date, ownerId: string,
  ): DeleteResult => {
    const state = versioningOf(bucket);
    if (versionId !== undefined && !isWellFormedVersionId(versionId)) {
      throw new StorageError('NoSuchVersion', 'Invalid version id specified');
    }
    if (versionId !== undefined || state === 'Unversioned') {
      // S3 answers 204 for a version (or key) that does not exist: a no-op, not an error.
      const row = byVersion.get(bucket, key, versionId ?? NULL_VERSION_ID);
      return row ? removeVersion(row) : { garbageBlobIds: [] };
    }
    const marker: NewObjectVersion = {
      bucket, key, blobId: null, size: 0, etag: '', lastModified: now, ownerId,
      storageClass: 'STANDARD', headers: {}, userMetadata: {}, tags: [], checksums: {},
    };
    const { version, garbageBlobIds, replaced } = addVersion(marker, true);
    return { deleteMarker: version, garbageBlobIds, ...(replaced ? { removed: toObjectVersion(replaced) } : {}) };
  });

  function update(
    statement: typeof setTags, json: string | null, bucket: string, key: string, versionId: string,
  ): void {
    if (statement.run(json, bucket, key, versionId).changes === 0) {
      throw new StorageError(versionId === NULL_VERSION_ID ? 'NoSuchKey' : 'NoSuchVersion', `no ${key} ${versionId}`);
    }
  }

  return {
    addVersion,
    putObject: db.transaction((obj: NewObjectVersion): PutResult => {
      const { version, garbageBlobIds } = addVersion(obj, false);
      return { version, garbageBlobIds };
    }),
    getObject(bucket, key, versionId) {
      const row = versionId === undefined ? latest.get(bucket, key) : byVersion.get(bucket, key, versionId);
      return row && toObjectVersion(row);
    },
    deleteObject,
    setObjectTags(bucket, key, versionId, tags) {
      update(setTags, encodeJson(tags, true), bucket, key, versionId);
    },
    setObjectLock(bucket, key, versionId, lock) {
      update(setLock, encodeJson(lock, false), bucket, key, versionId);
    },
  };
}
