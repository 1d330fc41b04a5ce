import { S3Error } from '../../errors/s3-error';
import { element, escapeXml, toXml, type XmlObject } from '../../xml/xml-writer';
import type { Account } from '../../accounts';
import type { ObjectVersion } from '../../../storage/types';
import { requireBucket } from '../shared/bucket-guard';
import { encoder, encodingType, maxKeys, optionalParam } from '../shared/list-params';
import type { OperationSpec } from '../types';

/**
 * One <Contents> element, written directly: a 1,000-key page is the largest response the
 * emulator builds, and the generic writer's recursion was a third of a LIST's cost.
 */
function contents(v: ObjectVersion, enc: (s: string) => string | undefined, owner: Account | undefined): string {
  const algorithm = Object.keys(v.checksums)[0];
  return `<Contents><Key>${escapeXml(enc(v.key) ?? '')}</Key><LastModified>${v.lastModified.toISOString()}</LastModified>`
    + `<ETag>${escapeXml(v.etag)}</ETag>`
    + (algorithm ? `<ChecksumAlgorithm>${algorithm}</ChecksumAlgorithm>` : '')
    + (v.checksumType ? `<ChecksumType>${escapeXml(v.checksumType)}</ChecksumType>` : '')
    + `<Size>${v.size}</Size>`
    + (owner ? `<Owner><ID>${owner.canonicalId}</ID><DisplayName>${escapeXml(owner.displayName)}</DisplayName></Owner>` : '')
    + `<StorageClass>${escapeXml(v.storageClass)}</StorageClass></Contents>`;
}

/** The result document: header elements, then the entries in order, then the prefixes. */
function listDocument(head: XmlObject, entries: readonly string[], prefixes: readonly string[]): string {
  const doc = toXml('ListBucketResult', head);
  return `${doc.slice(0, -'</ListBucketResult>'.length)}${entries.join('')}${prefixes.join('')}</ListBucketResult>`;
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
      body: listDocument({
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
      }, page.objects.map((v) => contents(v, enc, owner)), page.commonPrefixes.map((p) => element('CommonPrefixes', { Prefix: enc(p) }))),
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
      body: listDocument({
        Name: bucket.name,
        Prefix: enc(prefix ?? '') ?? '',
        Marker: enc(marker ?? '') ?? '',
        // S3 returns NextMarker only when a delimiter was given; clients otherwise use the last key.
        NextMarker: page.isTruncated && delimiter !== undefined ? enc(page.nextMarker) : undefined,
        MaxKeys: limit,
        Delimiter: enc(delimiter),
        EncodingType: type,
        IsTruncated: page.isTruncated,
      }, page.objects.map((v) => contents(v, enc, owner)), page.commonPrefixes.map((p) => element('CommonPrefixes', { Prefix: enc(p) }))),
    };
  },
};
