import { isPartRequest } from '../multipart/upload-ref';
import { S3Error } from '../../errors/s3-error';
import { toXml } from '../../xml/xml-writer';
import { checkAclHeaders } from '../shared/acl-headers';
import { requireBucket } from '../shared/bucket-guard';
import { copySourceAction, resolveCopySource } from '../shared/copy-source';
import { header } from '../shared/header';
import { storedHeadersFrom, userMetadataFrom, versionIdHeader } from '../shared/object-headers';
import { validateKey } from '../shared/object-key';
import { openPlaintext } from '../shared/decrypt';
import { writeEncryptedStream, writeParams } from '../shared/encrypted-write';
import { bucketEncryptionOf, chooseEncryption, readCustomerKey } from '../shared/sse-request';
import { sseResponseHeaders } from '../shared/sse-response';
import { tagsFromHeader } from '../shared/tagging';
import { commitObject } from '../shared/commit-object';
import type { OperationSpec } from '../types';
import { validStorageClass } from '../shared/storage-class';

function directive(value: string | undefined, name: string): 'COPY' | 'REPLACE' {
  if (value === undefined || value === 'COPY') return 'COPY';
  if (value === 'REPLACE') return 'REPLACE';
  throw new S3Error('InvalidArgument', `Unknown ${name} directive.`, [['ArgumentName', `x-amz-${name}-directive`], ['ArgumentValue', value]]);
}

/**
 * CopyObject — https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html
 * Authorized for s3:GetObject on the source and s3:PutObject on the destination.
 */
export const copyObject: OperationSpec = {
  name: 'CopyObject',
  method: 'PUT',
  target: 'object',
  when: (q, h) => h['x-amz-copy-source'] !== undefined && !isPartRequest(q),
  body: 'none',
  actions: (i) => ['s3:PutObject', copySourceAction(i.headers)],
  async handler(input, deps) {
    validateKey(input.key);
    const bucket = requireBucket(deps, input.bucket);
    checkAclHeaders(input.headers, deps.store.getBucketConfig<string>(bucket.name, 'ownership'));
    const source = resolveCopySource(deps, input.headers);
    const metadataDirective = directive(header(input.headers, 'x-amz-metadata-directive'), 'metadata');
    const taggingDirective = directive(header(input.headers, 'x-amz-tagging-directive'), 'tagging');
    const storageClass = validStorageClass(header(input.headers, 'x-amz-storage-class'));
    const sameObject = source.bucket.name === bucket.name && source.ref.key === input.key && source.ref.versionId === undefined;
    const changesEncryption = Object.keys(input.headers).some((h) => h.startsWith('x-amz-server-side-encryption'));
    if (sameObject && metadataDirective === 'COPY' && storageClass === undefined && !changesEncryption) {
      throw new S3Error('InvalidRequest', "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
    }
    const src = source.version;
    // The copy is decrypted with the source's keys and encrypted afresh for the destination.
    const plain = await openPlaintext(deps, input, source.bucket, src, readCustomerKey(input, deps, 'x-amz-copy-source-'));
    const choice = chooseEncryption(input, deps, bucketEncryptionOf(deps, bucket.name));
    const writer = await deps.objectCrypto.beginWrite(writeParams(input, deps, bucket.accountId, input.key, choice));
    const written = await writeEncryptedStream(deps, plain, writer, choice);
    const version = commitObject(deps, bucket, input.key, written, {
      storageClass: storageClass ?? src.storageClass,
      headers: metadataDirective === 'COPY' ? src.headers : storedHeadersFrom(input.headers),
      userMetadata: metadataDirective === 'COPY' ? src.userMetadata : userMetadataFrom(input.headers),
      tags: taggingDirective === 'COPY' ? src.tags : tagsFromHeader(header(input.headers, 'x-amz-tagging')),
      // A whole-object checksum still describes the copied bytes; a composite one does not.
      checksums: src.checksumType === 'FULL_OBJECT' ? src.checksums : {},
    });
    return {
      status: 200,
      headers: {
        'x-amz-version-id': versionIdHeader(bucket, version.versionId),
        'x-amz-copy-source-version-id': versionIdHeader(source.bucket, src.versionId),
        ...sseResponseHeaders(written.sse, true),
      },
      body: toXml('CopyObjectResult', { ETag: version.etag, LastModified: version.lastModified }),
    };
  },
};
