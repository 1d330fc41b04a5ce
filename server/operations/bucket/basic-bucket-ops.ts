import { toXml } from '../../xml/xml-writer';
import { S3Error } from '../../errors/s3-error';
import { requireBucket } from '../shared/bucket-guard';
import type { OperationSpec } from '../types';

/** HeadBucket — https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html */
export const headBucket: OperationSpec = {
  name: 'HeadBucket',
  method: 'HEAD',
  target: 'bucket',
  body: 'none',
  actions: () => ['s3:ListBucket'],
  async handler(input, deps) {
    const bucket = requireBucket(deps, input.bucket);
    return { status: 200, headers: { 'x-amz-bucket-region': bucket.region, 'x-amz-access-point-alias': 'false' } };
  },
};

/** DeleteBucket — https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html */
export const deleteBucket: OperationSpec = {
  name: 'DeleteBucket',
  method: 'DELETE',
  target: 'bucket',
  body: 'none',
  actions: () => ['s3:DeleteBucket'],
  async handler(input, deps) {
    requireBucket(deps, input.bucket);
    deps.store.deleteBucket(input.bucket);
    return { status: 204 };
  },
};

/** max-buckets: 1..10000; without it, every bucket in one page (S3's legacy behaviour). */
function maxBucketsParam(query: URLSearchParams): number {
  const raw = query.get('max-buckets');
  if (raw === null) return Number.MAX_SAFE_INTEGER;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 10000) {
    throw new S3Error('InvalidArgument', 'Argument max-buckets must be an integer between 1 and 10000', [['ArgumentName', 'max-buckets'], ['ArgumentValue', raw]]);
  }
  return Number(raw);
}

/** ListBuckets — https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html */
export const listBuckets: OperationSpec = {
  name: 'ListBuckets',
  method: 'GET',
  target: 'service',
  body: 'none',
  actions: () => ['s3:ListAllMyBuckets'],
  async handler(input, deps) {
    const principal = input.auth.principal;
    const account = deps.accounts.account(principal.accountId);
    const prefix = input.query.get('prefix') ?? '';
    const maxBuckets = maxBucketsParam(input.query);
    const token = input.query.get('continuation-token');
    const after = token ? Buffer.from(token, 'base64url').toString('utf8') : '';
    const all = deps.store.listBuckets(principal.accountId)
      .filter((b) => b.name.startsWith(prefix) && b.name > after)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const page = all.slice(0, maxBuckets);
    const last = page[page.length - 1];
    const truncated = all.length > page.length && last !== undefined;
    return {
      status: 200,
      body: toXml('ListAllMyBucketsResult', {
        Owner: { ID: account?.canonicalId, DisplayName: account?.displayName },
        Buckets: { Bucket: page.map((b) => ({ Name: b.name, CreationDate: b.createdAt, BucketRegion: b.region })) },
        ContinuationToken: truncated ? Buffer.from(last.name, 'utf8').toString('base64url') : undefined,
        Prefix: prefix || undefined,
      }),
    };
  },
};

/** GetBucketLocation — https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html (empty for us-east-1) */
export const getBucketLocation: OperationSpec = {
  name: 'GetBucketLocation',
  method: 'GET',
  target: 'bucket',
  subresource: 'location',
  body: 'none',
  actions: () => ['s3:GetBucketLocation'],
  async handler(input, deps) {
    const bucket = requireBucket(deps, input.bucket);
    const region = bucket.region === 'us-east-1' ? '' : bucket.region;
    return { status: 200, body: `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${region}</LocationConstraint>` };
  },
};
