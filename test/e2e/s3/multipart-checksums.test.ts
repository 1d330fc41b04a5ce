import { createHash } from 'node:crypto';
import { expect } from 'chai';
import {
  CompleteMultipartUploadCommand, CreateMultipartUploadCommand, HeadObjectCommand, UploadPartCommand, type S3Client,
} from '@aws-sdk/client-s3';
import { sdkError, withBucket } from '../support/e2e';

const MiB = 1024 * 1024;

/** SHA-256 composite computed independently: sha256 of the concatenated binary part sha256s, "-N". */
function compositeSha256(parts: Buffer[]): string {
  const inner = Buffer.concat(parts.map((p) => createHash('sha256').update(p).digest()));
  return `${createHash('sha256').update(inner).digest('base64')}-${parts.length}`;
}

describe('s3 e2e: multipart checksums', () => {
  let s3: S3Client;
  let Bucket = '';
  withBucket('mpck', (ctx) => { s3 = ctx.s3; Bucket = ctx.Bucket; });

  async function upload(Key: string, parts: Buffer[]) {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key, ChecksumAlgorithm: 'SHA256' }));
    const done = [];
    for (const [i, Body] of parts.entries()) {
      const r = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: i + 1, Body, ChecksumAlgorithm: 'SHA256' }));
      done.push({ PartNumber: i + 1, ETag: r.ETag, ChecksumSHA256: r.ChecksumSHA256 });
    }
    return { UploadId, done };
  }

  it('CompleteMultipartUpload_SHA256_composite_checksum_returned_and_on_HeadObject', async () => {
    const parts = [Buffer.alloc(5 * MiB, 1), Buffer.alloc(1234, 2)];
    const { UploadId, done } = await upload('composite', parts);
    const complete = await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'composite', UploadId, MultipartUpload: { Parts: done } }));
    expect(complete.ChecksumSHA256).to.equal(compositeSha256(parts));
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'composite', ChecksumMode: 'ENABLED' }));
    expect(head.ChecksumSHA256).to.equal(compositeSha256(parts));
    expect(head.ChecksumType).to.equal('COMPOSITE');
  });

  it('CompleteMultipartUpload_wrong_part_checksum_is_400_InvalidPart', async () => {
    const parts = [Buffer.alloc(100, 3)];
    const { UploadId, done } = await upload('wrongsum', parts);
    const wrong = [{ ...done[0], ChecksumSHA256: createHash('sha256').update('other').digest('base64') }];
    const e = await sdkError(s3.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'wrongsum', UploadId, MultipartUpload: { Parts: wrong } })));
    expect(e.name).to.equal('InvalidPart');
    expect(e.status).to.equal(400);
  });
});
