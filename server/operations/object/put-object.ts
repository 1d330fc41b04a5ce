import { isPartRequest } from '../multipart/upload-ref';
import { S3Error } from '../../errors/s3-error';
import { checkAclHeaders } from '../shared/acl-headers';
import { requireBucket } from '../shared/bucket-guard';
import { header } from '../shared/header';
import { storedHeadersFrom, userMetadataFrom, versionIdHeader } from '../shared/object-headers';
import { validateKey } from '../shared/object-key';
import { tagsFromHeader } from '../shared/tagging';
import { deleteBlobsLater } from '../shared/write-blob';
import { writeEncryptedBody, writeParams } from '../shared/encrypted-write';
import { bucketEncryptionOf, chooseEncryption } from '../shared/sse-request';
import { sseResponseHeaders } from '../shared/sse-response';
import { checksumResponseHeaders } from '../shared/checksum-headers';
import type { OperationSpec } from '../types';
import { checkConditionalWrite } from '../shared/conditional-write';
import { commitObject } from '../shared/commit-object';
import { validStorageClass } from '../shared/storage-class';

/** S3's single-PUT limit is 5 GiB. */
export const MAX_PUT_SIZE = 5 * 1024 ** 3;

/**
 * PutObject — https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html
 * The body is verified (signature, SHA-256, Content-MD5, x-amz-checksum-*) while it
 * streams to disk; metadata is committed only after every check passed.
 */
export const putObject: OperationSpec = {
  name: 'PutObject',
  method: 'PUT',
  target: 'object',
  when: (q, h) => h['x-amz-copy-source'] === undefined && !isPartRequest(q),
  body: 'stream',
  actions: (i) => (i.headers['x-amz-tagging'] ? ['s3:PutObject', 's3:PutObjectTagging'] : ['s3:PutObject']),
  async handler(input, deps) {
    validateKey(input.key);
    const bucket = requireBucket(deps, input.bucket);
    checkAclHeaders(input.headers, deps.store.getBucketConfig<string>(bucket.name, 'ownership'));
    const length = Number(header(input.headers, 'x-amz-decoded-content-length') ?? header(input.headers, 'content-length') ?? 0);
    if (length > MAX_PUT_SIZE) throw new S3Error('EntityTooLarge', undefined, [['ProposedSize', String(length)], ['MaxSizeAllowed', String(MAX_PUT_SIZE)]]);
    const tags = tagsFromHeader(header(input.headers, 'x-amz-tagging'));
    const storageClass = validStorageClass(header(input.headers, 'x-amz-storage-class')) ?? 'STANDARD';
    const headers = storedHeadersFrom(input.headers);
    const userMetadata = userMetadataFrom(input.headers);
    checkConditionalWrite(deps, bucket.name, input.key, input.headers);
    if (!input.body) throw new S3Error('MissingRequestBodyError');
    const choice = chooseEncryption(input, deps, bucketEncryptionOf(deps, bucket.name));
    const writer = await deps.objectCrypto.beginWrite(writeParams(input, deps, bucket.accountId, input.key, choice));
    const written = await writeEncryptedBody(deps, input.body, writer, choice);
    try {
      checkConditionalWrite(deps, bucket.name, input.key, input.headers);
    } catch (e) {
      deleteBlobsLater(deps, [written.blobId]);
      throw e;
    }
    const version = commitObject(deps, bucket, input.key, written, { storageClass, headers, userMetadata, tags, checksums: written.checksums });
    return {
      status: 200,
      headers: {
        ETag: version.etag,
        'x-amz-version-id': versionIdHeader(bucket, version.versionId),
        ...checksumResponseHeaders(version.checksums, version.checksumType),
        ...sseResponseHeaders(written.sse, true),
      },
    };
  },
};
