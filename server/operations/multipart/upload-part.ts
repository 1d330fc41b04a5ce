import { S3Error } from '../../errors/s3-error';
import { checksumResponseHeaders } from '../shared/checksum-headers';
import { header } from '../shared/header';
import { requireBucket } from '../shared/bucket-guard';
import { deleteBlobsLater } from '../shared/write-blob';
import { writeEncryptedBody } from '../shared/encrypted-write';
import { partWriter } from './part-writer';
import { sseResponseHeaders } from '../shared/sse-response';
import type { OperationSpec } from '../types';
import { isPartRequest, partNumberParam, requireUpload } from './upload-ref';

/** A single part is at most 5 GiB. */
const MAX_PART_SIZE = 5 * 1024 ** 3;

/** UploadPart — https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html */
export const uploadPart: OperationSpec = {
  name: 'UploadPart',
  method: 'PUT',
  target: 'object',
  when: (q, h) => isPartRequest(q) && h['x-amz-copy-source'] === undefined,
  body: 'stream',
  actions: () => ['s3:PutObject'],
  async handler(input, deps) {
    requireBucket(deps, input.bucket);
    const partNumber = partNumberParam(input.query);
    const upload = requireUpload(deps, input.bucket, input.key, input.query);
    const length = Number(header(input.headers, 'x-amz-decoded-content-length') ?? header(input.headers, 'content-length') ?? 0);
    if (length > MAX_PART_SIZE) throw new S3Error('EntityTooLarge', undefined, [['ProposedSize', String(length)], ['MaxSizeAllowed', String(MAX_PART_SIZE)]]);
    if (!input.body) throw new S3Error('MissingRequestBodyError');
    const { writer, choice } = await partWriter(input, deps, upload, partNumber);
    const written = await writeEncryptedBody(deps, input.body, writer, choice);
    const blobId = written.blobId;
    // The upload may have been completed or aborted while the body streamed.
    if (!deps.store.getUpload(upload.uploadId)) {
      deleteBlobsLater(deps, [blobId]);
      throw new S3Error('NoSuchUpload', undefined, [['UploadId', upload.uploadId]]);
    }
    const etag = written.etag;
    const { garbageBlobIds } = deps.store.putPart({
      uploadId: upload.uploadId,
      partNumber,
      blobId,
      size: written.size,
      etag,
      lastModified: deps.clock.now(),
      checksums: written.checksums,
      encryption: written.record,
    });
    deleteBlobsLater(deps, garbageBlobIds);
    return { status: 200, headers: { ETag: etag, ...checksumResponseHeaders(written.checksums), ...sseResponseHeaders(written.sse) } };
  },
};
