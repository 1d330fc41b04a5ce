import { S3Error } from '../../errors/s3-error';
import { toXml } from '../../xml/xml-writer';
import { requireBucket } from '../shared/bucket-guard';
import { copySourceAction, resolveCopySource } from '../shared/copy-source';
import { header } from '../shared/header';
import { openPlaintext } from '../shared/decrypt';
import { writeEncryptedStream } from '../shared/encrypted-write';
import { readCustomerKey } from '../shared/sse-request';
import { sseResponseHeaders } from '../shared/sse-response';
import { partWriter } from './part-writer';
import type { ByteRange } from '../shared/range';
import { deleteBlobsLater } from '../shared/write-blob';
import type { OperationSpec } from '../types';
import { isPartRequest, partNumberParam, requireUpload } from './upload-ref';
import { versionIdHeader } from '../shared/object-headers';

/** x-amz-copy-source-range must be `bytes=first-last` inside the source. */
function copyRange(value: string | undefined, size: number): ByteRange | undefined {
  if (value === undefined) return undefined;
  const m = /^bytes=(\d+)-(\d+)$/.exec(value.trim());
  if (!m) throw new S3Error('InvalidArgument', 'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy', [['ArgumentName', 'x-amz-copy-source-range'], ['ArgumentValue', value]]);
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (start > end || end >= size) {
    throw new S3Error('InvalidArgument', `Range specified is not valid for source object of size: ${size}`, [['ArgumentName', 'x-amz-copy-source-range'], ['ArgumentValue', value]]);
  }
  return { start, end };
}

/** UploadPartCopy — https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html */
export const uploadPartCopy: OperationSpec = {
  name: 'UploadPartCopy',
  method: 'PUT',
  target: 'object',
  when: (q, h) => isPartRequest(q) && h['x-amz-copy-source'] !== undefined,
  body: 'none',
  actions: (i) => ['s3:PutObject', copySourceAction(i.headers)],
  async handler(input, deps) {
    requireBucket(deps, input.bucket);
    const partNumber = partNumberParam(input.query);
    const upload = requireUpload(deps, input.bucket, input.key, input.query);
    const source = resolveCopySource(deps, input.headers);
    const range = copyRange(header(input.headers, 'x-amz-copy-source-range'), source.version.size);
    const plain = await openPlaintext(deps, input, source.bucket, source.version, readCustomerKey(input, deps, 'x-amz-copy-source-'), range);
    const { writer, choice } = await partWriter(input, deps, upload, partNumber);
    const written = await writeEncryptedStream(deps, plain, writer, choice);
    const etag = written.etag;
    const now = deps.clock.now();
    const { garbageBlobIds } = deps.store.putPart({ uploadId: upload.uploadId, partNumber, blobId: written.blobId, size: written.size, etag, lastModified: now, checksums: {}, encryption: written.record });
    deleteBlobsLater(deps, garbageBlobIds);
    return {
      status: 200,
      headers: { 'x-amz-copy-source-version-id': versionIdHeader(source.bucket, source.version.versionId), ...sseResponseHeaders(written.sse) },
      body: toXml('CopyPartResult', { ETag: etag, LastModified: now }),
    };
  },
};
