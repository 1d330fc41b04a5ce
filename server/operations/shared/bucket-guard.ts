import type { Deps } from '../../deps';
import { S3Error } from '../../errors/s3-error';
import type { BucketRecord } from '../../../storage/types';

export function requireBucket(deps: Deps, name: string): BucketRecord {
  const bucket = deps.store.getBucket(name);
  if (!bucket) throw new S3Error('NoSuchBucket', undefined, [['BucketName', name]]);
  return bucket;
}
