import { S3Error } from '../../errors/s3-error';
import { toXml } from '../../xml/xml-writer';
import { requireBucket } from '../shared/bucket-guard';
import { BUCKET_TAG_LIMIT, tagsFromXml, tagsToXml } from '../shared/tagging';
import type { Tag } from '../../../storage/types';
import type { OperationSpec } from '../types';

/** GetBucketTagging — https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketTagging.html */
export const getBucketTagging: OperationSpec = {
  name: 'GetBucketTagging',
  method: 'GET',
  target: 'bucket',
  subresource: 'tagging',
  body: 'none',
  actions: () => ['s3:GetBucketTagging'],
  async handler(input, deps) {
    requireBucket(deps, input.bucket);
    const tags = deps.store.getBucketConfig<Tag[]>(input.bucket, 'tagging');
    if (!tags) throw new S3Error('NoSuchTagSet', undefined, [['BucketName', input.bucket]]);
    return { status: 200, body: toXml('Tagging', tagsToXml(tags)) };
  },
};

/** PutBucketTagging — https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketTagging.html */
export const putBucketTagging: OperationSpec = {
  name: 'PutBucketTagging',
  method: 'PUT',
  target: 'bucket',
  subresource: 'tagging',
  body: 'xml',
  actions: () => ['s3:PutBucketTagging'],
  async handler(input, deps) {
    requireBucket(deps, input.bucket);
    const tags = await tagsFromXml(input.xml, BUCKET_TAG_LIMIT);
    deps.store.setBucketConfig(input.bucket, 'tagging', tags);
    return { status: 204 };
  },
};

/** DeleteBucketTagging — https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketTagging.html */
export const deleteBucketTagging: OperationSpec = {
  name: 'DeleteBucketTagging',
  method: 'DELETE',
  target: 'bucket',
  subresource: 'tagging',
  body: 'none',
  actions: () => ['s3:PutBucketTagging'],
  async handler(input, deps) {
    requireBucket(deps, input.bucket);
    deps.store.setBucketConfig(input.bucket, 'tagging', null);
    return { status: 204 };
  },
};
