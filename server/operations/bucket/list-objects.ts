import { S3Error } from '../../errors/s3-error';
import { toXml, type XmlObject } from '../../xml/xml-writer';
import type { Account } from '../../accounts';
import type { ObjectVersion } from '../../../storage/types';
import { requireBucket } from '../shared/bucket-guard';
import { encoder, encodingType, maxKeys, optionalParam } from '../shared/list-params';
import type { OperationSpec } from '../types';

function contents(v: ObjectVersion, enc: (s: string) => string | undefined, owner: Account | undefined): XmlObject {
  return {
    Key: enc(v.key),
    LastModified: v.lastModified,
    ETag: v.etag,
    ChecksumAlgorithm: Object.keys(v.checksums)[0],
    ChecksumType: v.checksumType,
    Size: v.size,
    Owner: owner ? { ID: owner.canonicalId, DisplayName: owner.displayName } : undefined,
    StorageClass: v.storageClass,
  };
}

/** Continuation tokens are opaque to clients; ours carry the last key returned. */
function decodeToken(token: string): string {
  const key = Buffer.from(token, 'base64url').toString('utf8');
  if (!token || Buffer.from(key, 'utf8').toString('base64url') !== token) {
    throw new S3Error('InvalidArgument', 'The continuation token provided is incorrect', [['ArgumentName', 'continuation-token']]);
  }
  return key;
}

/** ListObjectsV2 — https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html */
export const listObjectsV2: OperationSpec = {
  name: 'ListObjectsV2',
  method: 'GET',
  target: 'bucket',
  when: (q) => q.get('list-type') === '2',
  body: 'none',
  actions: () => ['s3:ListBucket'],
  async handler(input, deps) {
    const bucket = requireBucket(deps, input.bucket);
    const q = input.query;
    const type = encodingType(q);
    const enc = encoder(type);
    const prefix = optionalParam(q, 'prefix');
    const delimiter = optionalParam(q, 'delimiter');
    const token = q.get('continuation-token') ?? undefined;
    const startAfter = optionalParam(q, 'start-after');
    const limit = maxKeys(q);
    const after = token !== undefined ? decodeToken(token) : startAfter;
    const page = deps.store.listObjects(bucket.name, { prefix, delimiter, after, maxKeys: limit });
    const owner = q.get('fetch-owner') === 'true' ? deps.accounts.account(bucket.accountId) : undefined;
    return {
      status: 200,
      body: toXml('ListBucketResult', {
        Name: bucket.name,
        Prefix: enc(prefix ?? '') ?? '',
        Delimiter: enc(delimiter),
        MaxKeys: limit,
        EncodingType: type,
        KeyCount: page.objects.length + page.commonPrefixes.length,
        IsTruncated: page.isTruncated,
        ContinuationToken: token,
        NextContinuationToken: page.isTruncated && page.nextMarker !== undefined ? Buffer.from(page.nextMarker, 'utf8').toString('base64url') : undefined,
        StartAfter: enc(startAfter),
        Contents: page.objects.map((v) => contents(v, (s) => enc(s), owner)),
        CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: enc(p) })),
      }),
    };
  },
};

/** ListObjects (v1) — https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjects.html */
export const listObjectsV1: OperationSpec = {
  name: 'ListObjects',
  method: 'GET',
  target: 'bucket',
  body: 'none',
  actions: () => ['s3:ListBucket'],
  async handler(input, deps) {
    const bucket = requireBucket(deps, input.bucket);
    const q = input.query;
    const type = encodingType(q);
    const enc = encoder(type);
    const prefix = optionalParam(q, 'prefix');
    const delimiter = optionalParam(q, 'delimiter');
    const marker = optionalParam(q, 'marker');
    const limit = maxKeys(q);
    const page = deps.store.listObjects(bucket.name, { prefix, delimiter, after: marker, maxKeys: limit });
    const owner = deps.accounts.account(bucket.accountId);
    return {
      status: 200,
      body: toXml('ListBucketResult', {
        Name: bucket.name,
        Prefix: enc(prefix ?? '') ?? '',
        Marker: enc(marker ?? '') ?? '',
        // S3 returns NextMarker only when a delimiter was given; clients otherwise use the last key.
        NextMarker: page.isTruncated && delimiter !== undefined ? enc(page.nextMarker) : undefined,
        MaxKeys: limit,
        Delimiter: enc(delimiter),
        EncodingType: type,
        IsTruncated: page.isTruncated,
        Contents: page.objects.map((v) => contents(v, (s) => enc(s), owner)),
        CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: enc(p) })),
      }),
    };
  },
};
