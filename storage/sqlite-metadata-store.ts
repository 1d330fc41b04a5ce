import Database from 'better-sqlite3';
import { bucketQueries } from './bucket-queries';
import type { MetadataStore } from './contracts';
import { toParts, parseJson } from './json-narrow';
import { MIGRATIONS } from './migrations';
import { multipartQueries } from './multipart-queries';
import { objectListing } from './object-listing';
import { objectQueries } from './object-queries';
import { defaultRandom, type RandomSource } from './opaque-id';

export interface MetadataStoreOptions {
  /** Source of version-id randomness; defaults to crypto.randomBytes. */
  readonly random?: RandomSource;
  /** synchronous=FULL (every commit survives power loss) instead of NORMAL (WAL stays consistent). */
  readonly durable?: boolean;
}

/** Brings the file to the latest schema, one transaction per numbered step. */
export function migrate(db: Database.Database, steps: readonly string[] = MIGRATIONS): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > steps.length) {
    throw new Error(`metadata schema version ${current} is newer than this build (${steps.length})`);
  }
  for (let version = current; version < steps.length; version++) {
    db.transaction(() => {
      db.exec(steps[version] ?? '');
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

export function openMetadataStore(path: string, opts: MetadataStoreOptions = {}): MetadataStore {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL'); // ':memory:' stays 'memory', which is fine
    db.pragma('foreign_keys = ON');
    db.pragma(`synchronous = ${opts.durable ? 'FULL' : 'NORMAL'}`);
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  const random = opts.random ?? defaultRandom;
  const buckets = bucketQueries(db);
  const objects = objectQueries(db, random, buckets.versioningOf);
  const listing = objectListing(db);
  const multipart = multipartQueries(db, objects, buckets.versioningOf);

  const objectBlobs = db.prepare<[], { blob_id: string }>(
    'SELECT blob_id FROM objects WHERE blob_id IS NOT NULL');
  const objectParts = db.prepare<[], { parts: string }>('SELECT parts FROM objects WHERE parts IS NOT NULL');
  const partBlobs = db.prepare<[], { blob_id: string }>('SELECT blob_id FROM parts WHERE blob_id IS NOT NULL');

  return {
    createBucket: buckets.createBucket,
    getBucket: buckets.getBucket,
    listBuckets: buckets.listBuckets,
    deleteBucket: buckets.deleteBucket,
    setVersioning: buckets.setVersioning,
    setBucketConfig: buckets.setBucketConfig,
    getBucketConfig: buckets.getBucketConfig,
    putObject: objects.putObject,
    getObject: objects.getObject,
    deleteObject: objects.deleteObject,
    setObjectTags: objects.setObjectTags,
    setObjectLock: objects.setObjectLock,
    ...listing,
    ...multipart,
    allBlobIds: db.transaction(() => {
      const ids = new Set<string>();
      for (const row of objectBlobs.iterate()) ids.add(row.blob_id);
      for (const row of objectParts.iterate()) {
        for (const p of toParts(parseJson(row.parts)) ?? []) if (typeof p.blobId === 'string') ids.add(p.blobId);
      }
      for (const row of partBlobs.iterate()) ids.add(row.blob_id);
      return ids;
    }),
    close() {
      db.close();
    },
  };
}
