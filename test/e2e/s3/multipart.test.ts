import { createHash } from 'node:crypto';
import { expect } from 'chai';
import {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, GetObjectCommand,
  HeadObjectCommand, ListMultipartUploadsCommand, ListPartsCommand, PutObjectCommand, UploadPartCommand, UploadPartCopyCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { bodyBytes, sdkError, withBucket } from '../support/e2e';

const MiB = 1024 * 1024;

function pattern(size: number, seed: number): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = (i * 31 + seed * 17 + (i >> 8)) & 0xff;
  return b;
}

const md5 = (b: Buffer) => createHash('md5').update(b).digest();

/** S3's multipart ETag, computed independently: "<md5 of the concatenated binary part md5s>-<N>". */
function multipartEtag(parts: Buffer[]): string {
  return `"${createHash('md5').update(Buffer.concat(parts.map(md5))).digest('hex')}-${parts.length}"`;
}

describe('s3 e2e: multipart', () => {
  let s3: S3Client;
  let Bucket: string;
  const big = pattern(5 * MiB, 1);
  const small = pattern(1000, 2);

  withBucket('mp', (c) => { ({ s3, Bucket } = c); });

  async function create(Key: string): Promise<string> {
    const out = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key, ContentType: 'application/x-test', Metadata: { mp: 'yes' } }));
    expect(out.UploadId).to.be.a('string').with.length.greaterThan(0);
    expect(out.Bucket).to.equal(Bucket);
    expect(out.Key).to.equal(Key);
    return out.UploadId!;
  }

  async function part(Key: string, UploadId: string, PartNumber: number, Body: Buffer): Promise<string> {
    const out = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber, Body }));
    expect(out.ETag).to.equal(`"${md5(Body).toString('hex')}"`);
    return out.ETag!;
  }

  it('Multipart_create_upload_list_complete_gives_md5_of_md5s_ETag', async () => {
    const Key = 'mp/full';
    const UploadId = await create(Key);
    const e1 = await part(Key, UploadId, 1, big);
    const e2 = await part(Key, UploadId, 2, small);

    const parts = await s3.send(new ListPartsCommand({ Bucket, Key, UploadId }));
    expect(parts.Parts?.map((p) => [p.PartNumber, p.ETag, p.Size])).to.deep.equal([[1, e1, big.length], [2, e2, small.length]]);
    expect(parts.Parts?.[0]?.LastModified).to.be.instanceOf(Date);
    expect(parts.UploadId).to.equal(UploadId);
    expect(parts.IsTruncated).to.equal(false);

    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket }));
    expect(uploads.Uploads?.map((u) => [u.Key, u.UploadId])).to.deep.include([Key, UploadId]);

    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: e1 }, { PartNumber: 2, ETag: e2 }] } }));
    const expected = multipartEtag([big, small]);
    expect(done.ETag).to.equal(expected);
    expect(done.Bucket).to.equal(Bucket);
    expect(done.Key).to.equal(Key);

    const got = await s3.send(new GetObjectCommand({ Bucket, Key }));
    expect(got.ETag).to.equal(expected);
    expect(got.ContentType).to.equal('application/x-test');
    expect(got.Metadata).to.deep.equal({ mp: 'yes' });
    expect((await bodyBytes(got.Body)).equals(Buffer.concat([big, small]))).to.equal(true);

    const after = await s3.send(new ListMultipartUploadsCommand({ Bucket }));
    expect((after.Uploads ?? []).map((u) => u.UploadId)).to.not.include(UploadId);
    expect((await sdkError(s3.send(new ListPartsCommand({ Bucket, Key, UploadId })))).name).to.equal('NoSuchUpload');
  });

  it('GetObject_PartNumber_returns_that_part_with_parts_count', async () => {
    const Key = 'mp/parts';
    const UploadId = await create(Key);
    const e1 = await part(Key, UploadId, 1, big);
    const e2 = await part(Key, UploadId, 2, small);
    await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: e1 }, { PartNumber: 2, ETag: e2 }] } }));
    const p2 = await s3.send(new GetObjectCommand({ Bucket, Key, PartNumber: 2 }));
    expect(p2.$metadata.httpStatusCode).to.equal(206);
    expect(p2.PartsCount).to.equal(2);
    expect(p2.ContentLength).to.equal(small.length);
    expect(p2.ContentRange).to.equal(`bytes ${big.length}-${big.length + small.length - 1}/${big.length + small.length}`);
    expect((await bodyBytes(p2.Body)).equals(small)).to.equal(true);
    const h1 = await s3.send(new HeadObjectCommand({ Bucket, Key, PartNumber: 1 }));
    expect(h1.ContentLength).to.equal(big.length);
    expect(h1.PartsCount).to.equal(2);
    const e = await sdkError(s3.send(new GetObjectCommand({ Bucket, Key, PartNumber: 3 })));
    expect(e.status).to.equal(416);
    expect(e.name).to.equal('InvalidPartNumber');
  });

  it('CompleteMultipartUpload_small_non_last_part_is_400_EntityTooSmall', async () => {
    const Key = 'mp/small';
    const UploadId = await create(Key);
    const e1 = await part(Key, UploadId, 1, small);
    const e2 = await part(Key, UploadId, 2, small);
    const e = await sdkError(s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: e1 }, { PartNumber: 2, ETag: e2 }] } })));
    expect(e.name).to.equal('EntityTooSmall');
    expect(e.status).to.equal(400);
    expect((await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key })))).status).to.equal(404);
  });

  it('CompleteMultipartUpload_single_small_part_is_allowed', async () => {
    const Key = 'mp/one-small';
    const UploadId = await create(Key);
    const e1 = await part(Key, UploadId, 1, small);
    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: e1 }] } }));
    expect(done.ETag).to.equal(multipartEtag([small]));
  });

  it('CompleteMultipartUpload_descending_parts_is_400_InvalidPartOrder', async () => {
    const Key = 'mp/order';
    const UploadId = await create(Key);
    const e1 = await part(Key, UploadId, 1, big);
    const e2 = await part(Key, UploadId, 2, small);
    const e = await sdkError(s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 2, ETag: e2 }, { PartNumber: 1, ETag: e1 }] } })));
    expect(e.name).to.equal('InvalidPartOrder');
    expect(e.status).to.equal(400);
  });

  it('CompleteMultipartUpload_wrong_etag_is_400_InvalidPart', async () => {
    const Key = 'mp/badetag';
    const UploadId = await create(Key);
    await part(Key, UploadId, 1, small);
    const e = await sdkError(s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: '"00000000000000000000000000000000"' }] } })));
    expect(e.name).to.equal('InvalidPart');
    expect(e.status).to.equal(400);
  });

  it('CompleteMultipartUpload_missing_part_is_400_InvalidPart', async () => {
    const Key = 'mp/missingpart';
    const UploadId = await create(Key);
    const e1 = await part(Key, UploadId, 1, big);
    const e = await sdkError(s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: e1 }, { PartNumber: 5, ETag: e1 }] } })));
    expect(e.name).to.equal('InvalidPart');
  });

  it('AbortMultipartUpload_then_parts_and_complete_are_404_NoSuchUpload', async () => {
    const Key = 'mp/abort';
    const UploadId = await create(Key);
    const e1 = await part(Key, UploadId, 1, small);
    const ab = await s3.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId }));
    expect(ab.$metadata.httpStatusCode).to.equal(204);
    const up = await sdkError(s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 2, Body: small })));
    expect(up.name).to.equal('NoSuchUpload');
    expect(up.status).to.equal(404);
    const lp = await sdkError(s3.send(new ListPartsCommand({ Bucket, Key, UploadId })));
    expect(lp.name).to.equal('NoSuchUpload');
    const c = await sdkError(s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: e1 }] } })));
    expect(c.name).to.equal('NoSuchUpload');
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket }));
    expect((uploads.Uploads ?? []).map((u) => u.UploadId)).to.not.include(UploadId);
  });

  it('AbortMultipartUpload_unknown_upload_is_404_NoSuchUpload', async () => {
    const e = await sdkError(s3.send(new AbortMultipartUploadCommand({ Bucket, Key: 'mp/none', UploadId: 'bm90LWFuLXVwbG9hZA' })));
    expect(e.name).to.equal('NoSuchUpload');
    expect(e.status).to.equal(404);
  });

  it('UploadPart_upload_id_of_another_key_is_404_NoSuchUpload', async () => {
    const UploadId = await create('mp/key-a');
    const e = await sdkError(s3.send(new UploadPartCommand({ Bucket, Key: 'mp/key-b', UploadId, PartNumber: 1, Body: small })));
    expect(e.name).to.equal('NoSuchUpload');
    await s3.send(new AbortMultipartUploadCommand({ Bucket, Key: 'mp/key-a', UploadId }));
  });

  it('UploadPart_part_number_out_of_range_is_400_InvalidArgument', async () => {
    const Key = 'mp/pn';
    const UploadId = await create(Key);
    for (const PartNumber of [0, 10001]) {
      const e = await sdkError(s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber, Body: small })));
      expect(e.status, String(PartNumber)).to.equal(400);
      expect(e.name, String(PartNumber)).to.equal('InvalidArgument');
    }
    await s3.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId }));
  });

  it('UploadPart_same_number_twice_keeps_the_last', async () => {
    const Key = 'mp/replace-part';
    const UploadId = await create(Key);
    await part(Key, UploadId, 1, pattern(100, 9));
    const e1 = await part(Key, UploadId, 1, small);
    const parts = await s3.send(new ListPartsCommand({ Bucket, Key, UploadId }));
    expect(parts.Parts?.map((p) => [p.PartNumber, p.ETag])).to.deep.equal([[1, e1]]);
    await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: e1 }] } }));
    expect((await bodyBytes((await s3.send(new GetObjectCommand({ Bucket, Key }))).Body)).equals(small)).to.equal(true);
  });

  it('ListParts_max_parts_paginates', async () => {
    const Key = 'mp/listparts';
    const UploadId = await create(Key);
    await part(Key, UploadId, 1, small);
    await part(Key, UploadId, 2, small);
    await part(Key, UploadId, 3, small);
    const p1 = await s3.send(new ListPartsCommand({ Bucket, Key, UploadId, MaxParts: 2 }));
    expect(p1.Parts?.map((p) => p.PartNumber)).to.deep.equal([1, 2]);
    expect(p1.IsTruncated).to.equal(true);
    expect(String(p1.NextPartNumberMarker)).to.equal('2');
    const p2 = await s3.send(new ListPartsCommand({ Bucket, Key, UploadId, PartNumberMarker: p1.NextPartNumberMarker }));
    expect(p2.Parts?.map((p) => p.PartNumber)).to.deep.equal([3]);
    expect(p2.IsTruncated).to.equal(false);
    await s3.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId }));
  });

  it('ListMultipartUploads_prefix_filters', async () => {
    const a = await create('mpu-list/a');
    const b = await create('other-prefix/b');
    const out = await s3.send(new ListMultipartUploadsCommand({ Bucket, Prefix: 'mpu-list/' }));
    expect((out.Uploads ?? []).map((u) => u.UploadId)).to.deep.equal([a]);
    await s3.send(new AbortMultipartUploadCommand({ Bucket, Key: 'mpu-list/a', UploadId: a }));
    await s3.send(new AbortMultipartUploadCommand({ Bucket, Key: 'other-prefix/b', UploadId: b }));
  });

  it('UploadPartCopy_with_range_copies_those_bytes', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'mp-src-big', Body: big }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'mp-src-alpha', Body: 'abcdefghijklmnopqrstuvwxyz' }));
    const Key = 'mp/copy';
    const UploadId = await create(Key);
    const c1 = await s3.send(new UploadPartCopyCommand({ Bucket, Key, UploadId, PartNumber: 1, CopySource: `${Bucket}/mp-src-big` }));
    expect(c1.CopyPartResult?.ETag).to.equal(`"${md5(big).toString('hex')}"`);
    const c2 = await s3.send(new UploadPartCopyCommand({ Bucket, Key, UploadId, PartNumber: 2, CopySource: `${Bucket}/mp-src-alpha`, CopySourceRange: 'bytes=2-6' }));
    expect(c2.CopyPartResult?.ETag).to.equal(`"${md5(Buffer.from('cdefg')).toString('hex')}"`);
    expect(c2.CopyPartResult?.LastModified).to.be.instanceOf(Date);
    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: c1.CopyPartResult!.ETag }, { PartNumber: 2, ETag: c2.CopyPartResult!.ETag }] } }));
    expect(done.ETag).to.equal(multipartEtag([big, Buffer.from('cdefg')]));
    const got = await bodyBytes((await s3.send(new GetObjectCommand({ Bucket, Key }))).Body);
    expect(got.equals(Buffer.concat([big, Buffer.from('cdefg')]))).to.equal(true);
  });

  it('UploadPartCopy_missing_source_is_404_NoSuchKey', async () => {
    const Key = 'mp/copy-missing';
    const UploadId = await create(Key);
    const e = await sdkError(s3.send(new UploadPartCopyCommand({ Bucket, Key, UploadId, PartNumber: 1, CopySource: `${Bucket}/no-such-source` })));
    expect(e.name).to.equal('NoSuchKey');
    await s3.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId }));
  });

  it('LibStorage_Upload_12MiB_parallel_parts', async () => {
    const body = pattern(12 * MiB, 5);
    const partSize = 5 * MiB;
    const upload = new Upload({ client: s3, params: { Bucket, Key: 'mp/lib-storage', Body: body }, partSize, queueSize: 3, leavePartsOnError: false });
    const out = await upload.done();
    const chunks = [body.subarray(0, partSize), body.subarray(partSize, 2 * partSize), body.subarray(2 * partSize)];
    const expected = multipartEtag(chunks);
    expect(out.ETag).to.equal(expected);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'mp/lib-storage' }));
    expect(got.ETag).to.equal(expected);
    expect(got.ContentLength).to.equal(body.length);
    expect((await bodyBytes(got.Body)).equals(body)).to.equal(true);
  });
});
