import { S3Error } from '../../errors/s3-error';
import { element, escapeXml, isoTimestamp, toXml, type XmlObject } from '../../xml/xml-writer';
import type { Account } from '../../accounts';
import type { ObjectVersion } from '../../../storage/types';
import { requireBucket } from '../shared/bucket-guard';
import { listingScope, maxKeys, optionalParam } from '../shared/list-params';
import type { OperationSpec } from '../types';

/** An ETag as XML text: the usual quoted "hex" needs only its quotes escaped. */
function etagText(etag: string): string {
  if (etag.length > 1 && etag.charCodeAt(0) === 34 && etag.charCodeAt(etag.length - 1) === 34) {
    const inner = etag.slice(1, -1);
    if (escapeXml(inner) === inner) return `&quot;${inner}&quot;`;
  }
  return escapeXml(etag);
}

/** The first stored checksum's algorithm (what ListObjects shows), without listing the keys. */
function firstAlgorithm(checksums: ObjectVersion['checksums']): string | undefined {
  for (const algorithm in checksums) return algorithm;
  return undefined;
}

/**
 * One <Contents> element, written directly: a 1,000-key page is the largest response the
 * emulator builds, and the generic writer's recursion was a third of a LIST's cost.
 */
function contents(v: ObjectVersion, enc: (s: string) => string | undefined, owner: Account | undefined): string {
  const algorithm = firstAlgorithm(v.checksums);
  // One template per element: fewer pieces for the final document to flatten.
  const checksumAlgorithm = algorithm ? `<ChecksumAlgorithm>${algorithm}</ChecksumAlgorithm>` : '';
  const checksumType = v.checksumType ? `<ChecksumType>${escapeXml(v.checksumType)}</ChecksumType>` : '';
  const ownerXml = owner ? `<Owner><ID>${owner.canonicalId}</ID><DisplayName>${escapeXml(owner.displayName)}</DisplayName></Owner>` : '';
  return `<Contents><Key>${escapeXml(enc(v.key) ?? '')}</Key><LastModified>${isoTimestamp(v.lastModified)}</LastModified>`
    + `<ETag>${etagText(v.etag)}</ETag>${checksumAlgorithm}${checksumType}<Size>${v.size}</Size>${ownerXml}`
    + `<StorageClass>${escapeXml(v.storageClass)}</StorageClass></Contents>`;
}

/**
 * The result document: header elements, then the objects in order, then the prefixes. The
 * entries are appended to one string rather than mapped and joined: the join of a thousand
 * element strings cost more than writing them.
 */
function listDocument(
  head: XmlObject, objects: readonly ObjectVersion[], prefixes: readonly string[],
  enc: (s: string | undefined) => string | undefined, owner: Account | undefined,
): string {
  const doc = toXml('ListBucketResult', head);
  let body = doc.slice(0, -'</ListBucketResult>'.length);
  for (const v of objects) body += contents(v, enc, owner);
  for (const p of prefixes) body += element('CommonPrefixes', { Prefix: enc(p) });
  return `${body}</ListBucketResult>`;
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
    const { type, enc, prefix, delimiter } = listingScope(q);
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
      }, page.objects, page.commonPrefixes, enc, owner),
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
    const { type, enc, prefix, delimiter } = listingScope(q);
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
      }, page.objects, page.commonPrefixes, enc, owner),
    };
  },
};
