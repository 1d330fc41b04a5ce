import { element, toXml } from '../../xml/xml-writer';
import { requireBucket } from '../shared/bucket-guard';
import { listingScope, maxKeys, optionalParam } from '../shared/list-params';
import type { ObjectVersion } from '../../../storage/types';
import type { OperationSpec } from '../types';

/** The first stored checksum's algorithm, as Object.keys(checksums)[0] without the array. */
function firstAlgorithm(checksums: ObjectVersion['checksums']): string | undefined {
  for (const algorithm in checksums) return algorithm;
  return undefined;
}

/**
 * ListObjectVersions — https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html
 * Versions and delete markers interleave in key order, newest first within a key; the
 * XML keeps that order (the SDKs read Version and DeleteMarker lists separately).
 */
export const listObjectVersions: OperationSpec = {
  name: 'ListObjectVersions',
  method: 'GET',
  target: 'bucket',
  subresource: 'versions',
  body: 'none',
  actions: () => ['s3:ListBucketVersions'],
  async handler(input, deps) {
    const bucket = requireBucket(deps, input.bucket);
    const q = input.query;
    const { type, enc, prefix, delimiter } = listingScope(q);
    const keyMarker = optionalParam(q, 'key-marker');
    const versionIdMarker = optionalParam(q, 'version-id-marker');
    const limit = maxKeys(q);
    const page = deps.store.listObjectVersions(bucket.name, { prefix, delimiter, keyMarker, versionIdMarker, maxKeys: limit });
    const owner = deps.accounts.account(bucket.accountId);
    const ownerXml = { ID: owner?.canonicalId, DisplayName: owner?.displayName };
    const head = toXml('ListVersionsResult', {
      Name: bucket.name,
      Prefix: enc(prefix ?? '') ?? '',
      KeyMarker: enc(keyMarker ?? '') ?? '',
      VersionIdMarker: versionIdMarker ?? '',
      NextKeyMarker: page.isTruncated ? enc(page.nextKeyMarker) : undefined,
      NextVersionIdMarker: page.isTruncated ? page.nextVersionIdMarker : undefined,
      MaxKeys: limit,
      Delimiter: enc(delimiter),
      EncodingType: type,
      IsTruncated: page.isTruncated,
    });
    // Appended to one string rather than mapped and joined (cheaper for a thousand entries).
    let entries = '';
    for (const v of page.versions) {
      const common = { Key: enc(v.key), VersionId: v.versionId, IsLatest: v.isLatest, LastModified: v.lastModified, Owner: ownerXml };
      entries += v.isDeleteMarker
        ? element('DeleteMarker', common)
        : element('Version', { ...common, ETag: v.etag, Size: v.size, StorageClass: v.storageClass, ChecksumAlgorithm: firstAlgorithm(v.checksums) });
    }
    for (const p of page.commonPrefixes) entries += element('CommonPrefixes', { Prefix: enc(p) });
    const body = `${head.slice(0, -'</ListVersionsResult>'.length)}${entries}</ListVersionsResult>`;
    return { status: 200, body };
  },
};
