import type { IncomingHttpHeaders } from 'node:http';
import type { Deps } from '../../deps';
import { S3Error } from '../../errors/s3-error';
import type { BucketRecord, ObjectVersion } from '../../../storage/types';
import { checkConditions, validatorsFrom } from './conditionals';
import { header } from './header';
import { requireRestoredIfArchived } from './storage-class';

export interface CopySourceRef {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
}

/** x-amz-copy-source: `[/]bucket/key[?versionId=id]`, URL-encoded. */
export function parseCopySource(value: string | undefined): CopySourceRef {
  if (!value) throw new S3Error('InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey', [['ArgumentName', 'x-amz-copy-source']]);
  const q = value.indexOf('?');
  const path = (q < 0 ? value : value.slice(0, q)).replace(/^\//, '');
  const params = new URLSearchParams(q < 0 ? '' : value.slice(q + 1));
  const slash = path.indexOf('/');
  let bucket: string;
  let key: string;
  try {
    bucket = decodeURIComponent(path.slice(0, slash));
    key = decodeURIComponent(path.slice(slash + 1));
  } catch {
    throw new S3Error('InvalidArgument', 'Invalid copy source encoding', [['ArgumentName', 'x-amz-copy-source']]);
  }
  if (slash <= 0 || key === '') throw new S3Error('InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey', [['ArgumentName', 'x-amz-copy-source'], ['ArgumentValue', value]]);
  const versionId = params.get('versionId') ?? undefined;
  return { bucket, key, versionId };
}

/** The copy source's IAM action, for the authorize step. */
export function copySourceAction(headers: IncomingHttpHeaders): { action: string; bucket: string; key: string } {
  const ref = parseCopySource(header(headers, 'x-amz-copy-source'));
  return { action: ref.versionId ? 's3:GetObjectVersion' : 's3:GetObject', bucket: ref.bucket, key: ref.key };
}

/** Resolves and checks the source version (x-amz-copy-source-if-* failures are 412). */
export function resolveCopySource(deps: Deps, headers: IncomingHttpHeaders): { ref: CopySourceRef; bucket: BucketRecord; version: ObjectVersion } {
  const ref = parseCopySource(header(headers, 'x-amz-copy-source'));
  const bucket = deps.store.getBucket(ref.bucket);
  if (!bucket) throw new S3Error('NoSuchBucket', undefined, [['BucketName', ref.bucket]]);
  const version = deps.store.getObject(bucket.name, ref.key, ref.versionId);
  if (!version) {
    if (ref.versionId) throw new S3Error('NoSuchVersion', undefined, [['Key', ref.key], ['VersionId', ref.versionId]]);
    throw new S3Error('NoSuchKey', undefined, [['Key', ref.key]]);
  }
  if (version.isDeleteMarker) {
    if (ref.versionId) throw new S3Error('InvalidRequest', 'The source of a copy request may not specifically refer to a delete marker by version id.');
    throw new S3Error('NoSuchKey', undefined, [['Key', ref.key]]);
  }
  checkConditions(validatorsFrom(headers, 'x-amz-copy-source-'), version.etag, version.lastModified, true);
  requireRestoredIfArchived(version);
  return { ref, bucket, version };
}
