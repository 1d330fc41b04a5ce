import type { Database } from 'better-sqlite3';
import type { MetadataStore } from './contracts';
import { encodeJson, parseJson } from './json-narrow';
import { StorageError, type BucketRecord, type VersioningState } from './types';

interface BucketRow {
  readonly name: string;
  readonly account_id: string;
  readonly region: string;
  readonly created_at: number;
  readonly versioning: VersioningState;
  readonly object_lock: number;
}

function toBucket(row: BucketRow): BucketRecord {
  return {
    name: row.name,
    accountId: row.account_id,
    region: row.region,
    createdAt: new Date(row.created_at),
    versioning: row.versioning,
    objectLockEnabled: row.object_lock === 1,
  };
}

export type BucketQueries = Pick<MetadataStore,
  'createBucket' | 'getBucket' | 'listBuckets' | 'deleteBucket' | 'setVersioning' | 'setBucketConfig' | 'getBucketConfig'>;

export function bucketQueries(db: Database): BucketQueries & { versioningOf(name: string): VersioningState } {
  const get = db.prepare<[string], BucketRow>('SELECT * FROM buckets WHERE name = ?');
  const insert = db.prepare<[BucketRow]>(
    `INSERT INTO buckets (name, account_id, region, created_at, versioning, object_lock)
     VALUES (@name, @account_id, @region, @created_at, @versioning, @object_lock)`);
  const listAll = db.prepare<[], BucketRow>('SELECT * FROM buckets ORDER BY name');
  const listOwned = db.prepare<[string], BucketRow>('SELECT * FROM buckets WHERE account_id = ? ORDER BY name');
  const anyVersion = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM objects WHERE bucket = ? LIMIT 1');
  const anyUpload = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM uploads WHERE bucket = ? LIMIT 1');
  const remove = db.prepare<[string]>('DELETE FROM buckets WHERE name = ?');
  const setState = db.prepare<[VersioningState, string]>('UPDATE buckets SET versioning = ? WHERE name = ?');
  const upsertConfig = db.prepare<[string, string, string]>(
    `INSERT INTO bucket_configs (bucket, kind, json) VALUES (?, ?, ?)
     ON CONFLICT (bucket, kind) DO UPDATE SET json = excluded.json`);
  const deleteConfig = db.prepare<[string, string]>('DELETE FROM bucket_configs WHERE bucket = ? AND kind = ?');
  const getConfig = db.prepare<[string, string], { json: string }>(
    'SELECT json FROM bucket_configs WHERE bucket = ? AND kind = ?');

  // Every request reads its bucket (often twice) and a config or two; this process is the
  // only writer, so in-memory copies invalidated by the mutations below stay exact.
  const bucketCache = new Map<string, BucketRecord | undefined>();
  const configCache = new Map<string, unknown>();
  const forget = (name: string): void => {
    bucketCache.delete(name);
    for (const id of configCache.keys()) if (id.startsWith(`${name}\u0000`)) configCache.delete(id);
  };

  const versioningOf = (name: string): VersioningState => {
    const row = get.get(name);
    if (!row) throw new StorageError('NoSuchBucket', `no bucket ${name}`);
    return row.versioning;
  };

  return {
    versioningOf,
    createBucket: db.transaction((bucket) => {
      if (get.get(bucket.name)) throw new StorageError('BucketExists', `bucket ${bucket.name} exists`);
      const row: BucketRow = {
        name: bucket.name,
        account_id: bucket.accountId,
        region: bucket.region,
        created_at: bucket.createdAt.getTime(),
        versioning: bucket.versioning ?? 'Unversioned',
        object_lock: bucket.objectLockEnabled ? 1 : 0,
      };
      insert.run(row);
      forget(bucket.name);
      return toBucket(row);
    }),
    getBucket(name) {
      if (bucketCache.has(name)) return bucketCache.get(name);
      const row = get.get(name);
      const bucket = row && toBucket(row);
      if (bucket) bucketCache.set(name, bucket);
      return bucket;
    },
    listBuckets(accountId) {
      return (accountId === undefined ? listAll.all() : listOwned.all(accountId)).map(toBucket);
    },
    deleteBucket: db.transaction((name: string) => {
      versioningOf(name);
      // Versions, delete markers and in-progress uploads all keep a bucket non-empty (S3 BucketNotEmpty).
      if (anyVersion.get(name) || anyUpload.get(name)) {
        throw new StorageError('BucketNotEmpty', `bucket ${name} is not empty`);
      }
      remove.run(name); // bucket_configs go with it (ON DELETE CASCADE)
      forget(name);
    }),
    setVersioning(name, state) {
      if (setState.run(state, name).changes === 0) throw new StorageError('NoSuchBucket', `no bucket ${name}`);
      bucketCache.delete(name);
    },
    setBucketConfig: db.transaction((name: string, kind: string, value: unknown) => {
      versioningOf(name);
      const json = encodeJson(value, false);
      if (json === null) deleteConfig.run(name, kind);
      else upsertConfig.run(name, kind, json);
      configCache.delete(`${name}\u0000${kind}`);
    }),
    getBucketConfig<T>(name: string, kind: string): T | undefined {
      const id = `${name}\u0000${kind}`;
      if (configCache.has(id)) return configCache.get(id) as T | undefined;
      const row = getConfig.get(name, kind);
      // The caller chose T when it stored the document; storage only round-trips JSON.
      const value = row === undefined ? undefined : parseJson(row.json);
      configCache.set(id, value);
      return value as T | undefined;
    },
  };
}
