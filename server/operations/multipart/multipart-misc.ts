import { toXml } from '../../xml/xml-writer';
import { S3Error } from '../../errors/s3-error';
import { requireBucket } from '../shared/bucket-guard';
import { listingScope, optionalParam } from '../shared/list-params';
import { deleteBlobsLater } from '../shared/write-blob';
import type { OperationSpec } from '../types';
import { requireUpload } from './upload-ref';

function boundedInt(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) throw new S3Error('InvalidArgument', `Provided ${name} not an integer or within integer range`, [['ArgumentName', name], ['ArgumentValue', raw]]);
  return Math.min(Number(raw), max);
}

/** AbortMultipartUpload — https://docs.aws.amazon.com/AmazonS3/latest/API/API_AbortMultipartUpload.html */
export const abortMultipartUpload: OperationSpec = {
  name: 'AbortMultipartUpload',
  method: 'DELETE',
  target: 'object',
  subresource: 'uploadId',
  body: 'none',
  actions: () => ['s3:AbortMultipartUpload'],
  async handler(input, deps) {
    requireBucket(deps, input.bucket);
    const upload = requireUpload(deps, input.bucket, input.key, input.query);
    const { garbageBlobIds } = deps.store.abortUpload(upload.uploadId);
    deleteBlobsLater(deps, garbageBlobIds);
    return { status: 204 };
  },
};

/** ListParts — https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html */
export const listParts: OperationSpec = {
  name: 'ListParts',
  method: 'GET',
  target: 'object',
  subresource: 'uploadId',
  body: 'none',
  actions: () => ['s3:ListMultipartUploadParts'],
  async handler(input, deps) {
    const bucket = requireBucket(deps, input.bucket);
    const upload = requireUpload(deps, input.bucket, input.key, input.query);
    const maxParts = boundedInt(input.query, 'max-parts', 1000, 1000);
    const marker = boundedInt(input.query, 'part-number-marker', 0, 10000);
    const page = deps.store.listParts(upload.uploadId, { partNumberMarker: marker, maxParts });
    const owner = deps.accounts.account(bucket.accountId);
    const who = { ID: owner?.canonicalId, DisplayName: owner?.displayName };
    return {
      status: 200,
      body: toXml('ListPartsResult', {
        Bucket: bucket.name,
        Key: upload.key,
        UploadId: upload.uploadId,
        Initiator: who,
        Owner: who,
        StorageClass: upload.storageClass,
        PartNumberMarker: marker,
        NextPartNumberMarker: page.nextPartNumberMarker,
        MaxParts: maxParts,
        IsTruncated: page.isTruncated,
        ChecksumAlgorithm: upload.checksumAlgorithm,
        Part: page.parts.map((p) => ({ PartNumber: p.partNumber, LastModified: p.lastModified, ETag: p.etag, Size: p.size })),
      }),
    };
  },
};

/** ListMultipartUploads — https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html */
export const listMultipartUploads: OperationSpec = {
  name: 'ListMultipartUploads',
  method: 'GET',
  target: 'bucket',
  subresource: 'uploads',
  body: 'none',
  actions: () => ['s3:ListBucketMultipartUploads'],
  async handler(input, deps) {
    const bucket = requireBucket(deps, input.bucket);
    const q = input.query;
    const { type, enc, prefix, delimiter } = listingScope(q);
    const keyMarker = optionalParam(q, 'key-marker');
    const uploadIdMarker = optionalParam(q, 'upload-id-marker');
    const maxUploads = boundedInt(q, 'max-uploads', 1000, 1000);
    const page = deps.store.listUploads(bucket.name, { prefix, delimiter, keyMarker, uploadIdMarker, maxUploads });
    const owner = deps.accounts.account(bucket.accountId);
    const who = { ID: owner?.canonicalId, DisplayName: owner?.displayName };
    return {
      status: 200,
      body: toXml('ListMultipartUploadsResult', {
        Bucket: bucket.name,
        KeyMarker: enc(keyMarker ?? '') ?? '',
        UploadIdMarker: uploadIdMarker ?? '',
        NextKeyMarker: page.isTruncated ? enc(page.nextKeyMarker) : undefined,
        NextUploadIdMarker: page.isTruncated ? page.nextUploadIdMarker : undefined,
        Prefix: enc(prefix),
        Delimiter: enc(delimiter),
        MaxUploads: maxUploads,
        EncodingType: type,
        IsTruncated: page.isTruncated,
        Upload: page.uploads.map((u) => ({ Key: enc(u.key), UploadId: u.uploadId, Initiator: who, Owner: who, StorageClass: u.storageClass, Initiated: u.initiated })),
        CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: enc(p) })),
      }),
    };
  },
};
