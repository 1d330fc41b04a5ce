import { S3Error } from '../../errors/s3-error';
import type { ErrorCode } from '../../errors/catalog';
import { requireBucket } from '../shared/bucket-guard';
import type { OperationSpec } from '../types';

/**
 * Configurations this emulator cannot hold yet, so a bucket never has one: reading it
 * answers the 404 AWS gives for a bucket without it (s3cmd `info` reads them all).
 * Writing one is 501 NotImplemented from the route table, never a silent success.
 */
function absent(name: string, subresource: string, action: string, code: ErrorCode): OperationSpec {
  return {
    name,
    method: 'GET',
    target: 'bucket',
    subresource,
    body: 'none',
    actions: () => [action],
    async handler(input, deps) {
      requireBucket(deps, input.bucket);
      throw new S3Error(code, undefined, [['BucketName', input.bucket]]);
    },
  };
}

export const getBucketCors = absent('GetBucketCors', 'cors', 's3:GetBucketCORS', 'NoSuchCORSConfiguration');
export const getBucketLifecycle = absent('GetBucketLifecycleConfiguration', 'lifecycle', 's3:GetLifecycleConfiguration', 'NoSuchLifecycleConfiguration');
export const getBucketPolicy = absent('GetBucketPolicy', 'policy', 's3:GetBucketPolicy', 'NoSuchBucketPolicy');
export const getBucketWebsite = absent('GetBucketWebsite', 'website', 's3:GetBucketWebsite', 'NoSuchWebsiteConfiguration');
