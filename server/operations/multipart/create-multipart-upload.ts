import { newUploadId } from '../../../storage/opaque-id';
import { S3Error } from '../../errors/s3-error';
import { toXml } from '../../xml/xml-writer';
import { checkAclHeaders } from '../shared/acl-headers';
import { requireBucket } from '../shared/bucket-guard';
import { header } from '../shared/header';
import { storedHeadersFrom, userMetadataFrom } from '../shared/object-headers';
import { validateKey } from '../shared/object-key';
import { tagsFromHeader } from '../shared/tagging';
import type { ChecksumAlgorithm } from '../../../storage/types';
import type { OperationSpec } from '../types';
import { validStorageClass } from '../shared/storage-class';
import { writeParams } from '../shared/encrypted-write';
import { bucketEncryptionOf, chooseEncryption } from '../shared/sse-request';
import { sseResponseHeaders } from '../shared/sse-response';

const ALGORITHMS: readonly ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'SHA1', 'SHA256', 'CRC64NVME'];

function checksumAlgorithm(value: string | undefined): ChecksumAlgorithm | undefined {
  if (value === undefined) return undefined;
  const alg = value.toUpperCase() as ChecksumAlgorithm;
  if (!ALGORITHMS.includes(alg)) throw new S3Error('InvalidRequest', 'Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]');
  return alg;
}

/** CreateMultipartUpload — https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateMultipartUpload.html */
export const createMultipartUpload: OperationSpec = {
  name: 'CreateMultipartUpload',
  method: 'POST',
  target: 'object',
  subresource: 'uploads',
  body: 'none',
  actions: () => ['s3:PutObject'],
  async handler(input, deps) {
    validateKey(input.key);
    const bucket = requireBucket(deps, input.bucket);
    checkAclHeaders(input.headers, deps.store.getBucketConfig<string>(bucket.name, 'ownership'));
    const uploadId = newUploadId();
    const algorithm = checksumAlgorithm(header(input.headers, 'x-amz-checksum-algorithm'));
    const choice = chooseEncryption(input, deps, bucketEncryptionOf(deps, bucket.name));
    const encryption = await deps.objectCrypto.beginUpload(writeParams(input, deps, bucket.accountId, input.key, choice));
    deps.store.createUpload({
      uploadId,
      bucket: bucket.name,
      key: input.key,
      initiated: deps.clock.now(),
      ownerId: bucket.accountId,
      storageClass: validStorageClass(header(input.headers, 'x-amz-storage-class')) ?? 'STANDARD',
      headers: storedHeadersFrom(input.headers),
      userMetadata: userMetadataFrom(input.headers),
      tags: tagsFromHeader(header(input.headers, 'x-amz-tagging')),
      checksumAlgorithm: algorithm,
      checksumType: algorithm ? (header(input.headers, 'x-amz-checksum-type') ?? 'COMPOSITE') : undefined,
      encryption,
    });
    return {
      status: 200,
      headers: {
        'x-amz-checksum-algorithm': algorithm,
        ...sseResponseHeaders({ mode: encryption.mode, kmsKeyArn: encryption.kmsKeyArn, bucketKeyEnabled: encryption.bucketKeyEnabled, context: choice.context, customerKeyMd5: choice.customer?.keyMd5 }, true),
      },
      body: toXml('InitiateMultipartUploadResult', { Bucket: bucket.name, Key: input.key, UploadId: uploadId }),
    };
  },
};
