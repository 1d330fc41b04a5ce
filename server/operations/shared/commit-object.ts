import type { BucketRecord, Checksums, ObjectVersion, StoredHeaders, Tag } from '../../../storage/types';
import type { Deps } from '../../deps';
import type { EncryptedBlob } from './encrypted-write';
import { deleteBlobsLater } from './write-blob';

export interface ObjectMetadata {
  readonly storageClass: string;
  readonly headers: StoredHeaders;
  readonly userMetadata: Readonly<Record<string, string>>;
  readonly tags: readonly Tag[];
  readonly checksums: Checksums;
}

/**
 * Commits a written blob as the key's new version (PutObject, CopyObject) and schedules the
 * blob of any version it replaced for deletion, after the commit.
 */
export function commitObject(deps: Deps, bucket: BucketRecord, key: string, written: EncryptedBlob, meta: ObjectMetadata): ObjectVersion {
  const now = deps.clock.now();
  const { version, garbageBlobIds } = deps.store.putObject({
    bucket: bucket.name,
    key,
    blobId: written.blobId,
    size: written.size,
    etag: written.etag,
    lastModified: now,
    ownerId: bucket.accountId,
    ...meta,
    checksumType: Object.keys(meta.checksums).length ? 'FULL_OBJECT' : undefined,
    encryption: written.record,
  }, now);
  deleteBlobsLater(deps, garbageBlobIds);
  return version;
}
