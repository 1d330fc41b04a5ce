import { S3Error } from '../../errors/s3-error';
import { toXml } from '../../xml/xml-writer';
import { requireBucket } from '../shared/bucket-guard';
import type { OperationSpec } from '../types';

/** GetBucketOwnershipControls — https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketOwnershipControls.html */
export const getBucketOwnershipControls: OperationSpec = {
  name: 'GetBucketOwnershipControls',
  method: 'GET',
  target: 'bucket',
  subresource: 'ownershipControls',
  body: 'none',
  actions: () => ['s3:GetBucketOwnershipControls'],
  async handler(input, deps) {
    requireBucket(deps, input.bucket);
    const ownership = deps.store.getBucketConfig<string>(input.bucket, 'ownership');
    if (!ownership) throw new S3Error('OwnershipControlsNotFoundError', undefined, [['BucketName', input.bucket]]);
    return { status: 200, body: toXml('OwnershipControls', { Rule: { ObjectOwnership: ownership } }) };
  },
};

interface PublicAccessBlock {
  readonly BlockPublicAcls?: boolean;
  readonly IgnorePublicAcls?: boolean;
  readonly BlockPublicPolicy?: boolean;
  readonly RestrictPublicBuckets?: boolean;
}

/** GetPublicAccessBlock — https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetPublicAccessBlock.html */
export const getPublicAccessBlock: OperationSpec = {
  name: 'GetPublicAccessBlock',
  method: 'GET',
  target: 'bucket',
  subresource: 'publicAccessBlock',
  body: 'none',
  actions: () => ['s3:GetBucketPublicAccessBlock'],
  async handler(input, deps) {
    requireBucket(deps, input.bucket);
    const pab = deps.store.getBucketConfig<PublicAccessBlock>(input.bucket, 'publicAccessBlock');
    if (!pab) throw new S3Error('NoSuchPublicAccessBlockConfiguration', undefined, [['BucketName', input.bucket]]);
    return {
      status: 200,
      body: toXml('PublicAccessBlockConfiguration', {
        BlockPublicAcls: pab.BlockPublicAcls ?? false,
        IgnorePublicAcls: pab.IgnorePublicAcls ?? false,
        BlockPublicPolicy: pab.BlockPublicPolicy ?? false,
        RestrictPublicBuckets: pab.RestrictPublicBuckets ?? false,
      }),
    };
  },
};
