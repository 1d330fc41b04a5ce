import type { MetadataStore } from '../../../storage/contracts';
import { openMetadataStore } from '../../../storage/sqlite-metadata-store';
import type { NewObjectVersion, ObjectVersion, VersioningState } from '../../../storage/types';

export const T0 = new Date('2026-01-01T00:00:00.000Z');

/** Deterministic randomness: a counter spread over the requested bytes. */
export function counterRandom(): (n: number) => Buffer {
  let i = 0;
  return (n) => {
    i++;
    const b = Buffer.alloc(n);
    b.writeUInt32BE(i, n - 4);
    return b;
  };
}

export function newStore(versioning: VersioningState = 'Unversioned', path = ':memory:'): MetadataStore {
  const store = openMetadataStore(path, { random: counterRandom() });
  store.createBucket({ name: 'b', accountId: '111122223333', region: 'us-east-1', createdAt: T0, objectLockEnabled: false });
  if (versioning !== 'Unversioned') store.setVersioning('b', versioning);
  return store;
}

export function obj(key: string, tag = 'x', extra: Partial<NewObjectVersion> = {}): NewObjectVersion {
  return {
    bucket: 'b', key, blobId: `blob-${tag}`, size: 1, etag: `"${tag}"`, lastModified: T0,
    ownerId: 'owner', storageClass: 'STANDARD', headers: {}, userMetadata: {}, tags: [], checksums: {},
    ...extra,
  };
}

/** Compact picture of a version for table assertions: `null:a*` = null version with etag a, latest. */
export function describe1(v: ObjectVersion): string {
  const id = v.versionId === 'null' ? 'null' : 'id';
  const body = v.isDeleteMarker ? 'DM' : v.etag.replace(/"/g, '');
  return `${id}:${body}${v.isLatest ? '*' : ''}`;
}

export function versionsOf(store: MetadataStore, key: string): string[] {
  return store.listObjectVersions('b', { prefix: key, maxKeys: 1000 }).versions
    .filter((v) => v.key === key).map(describe1);
}

/** Reference S3 ordering: UTF-8 bytes. */
export function byteSort(keys: readonly string[]): string[] {
  return [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}
