import { requireBucket } from '../shared/bucket-guard';
import { findReadableVersion, versionIdParam } from '../shared/find-version';
import { ownerOnlyAcl } from '../shared/owner-acl';
import type { OperationSpec } from '../types';
import { versionIdHeader } from '../shared/object-headers';

/** GetBucketAcl — https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketAcl.html */
export const getBucketAcl: OperationSpec = {
  name: 'GetBucketAcl',
  method: 'GET',
  target: 'bucket',
  subresource: 'acl',
  body: 'none',
  actions: () => ['s3:GetBucketAcl'],
  async handler(input, deps) {
    const bucket = requireBucket(deps, input.bucket);
    return { status: 200, body: ownerOnlyAcl(deps.accounts.account(bucket.accountId)) };
  },
};

/** GetObjectAcl — https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAcl.html */
export const getObjectAcl: OperationSpec = {
  name: 'GetObjectAcl',
  method: 'GET',
  target: 'object',
  subresource: 'acl',
  body: 'none',
  actions: (i) => [i.query.has('versionId') ? 's3:GetObjectVersionAcl' : 's3:GetObjectAcl'],
  async handler(input, deps) {
    const bucket = requireBucket(deps, input.bucket);
    const v = findReadableVersion(deps, bucket, input.key, versionIdParam(input.query));
    return {
      status: 200,
      headers: { 'x-amz-version-id': versionIdHeader(bucket, v.versionId) },
      body: ownerOnlyAcl(deps.accounts.account(bucket.accountId)),
    };
  },
};
