// Range reads, multipart uploads, PartNumber reads, CopyObject and UploadPartCopy in every
// encryption mode: the plaintext comes back byte for byte and the headers name the mode.
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { CreateKeyCommand, DisableKeyCommand, EnableKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import {
  CompleteMultipartUploadCommand, CopyObjectCommand, CreateMultipartUploadCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand,
  UploadPartCommand, UploadPartCopyCommand, type S3Client,
} from '@aws-sdk/client-s3';
import { bytes, copySsec, createSsecBucket, failure, keyArn, MiB, SEGMENT, ssec, ssecKey, useEnc, type EncHarness, type SsecKey } from './support';

interface Mode {
  name: string;
  /** Members for PutObject / CreateMultipartUpload / CopyObject destination. */
  write: Record<string, unknown>;
  /** Members for GetObject / HeadObject / UploadPart. */
  read: Record<string, unknown>;
  check(r: { ServerSideEncryption?: string; SSEKMSKeyId?: string; SSECustomerAlgorithm?: string; BucketKeyEnabled?: boolean }, what: string): void;
}

describe('encryption e2e: ranges, multipart and copy in every mode', () => {
  let h: EncHarness;
  let s3: S3Client;
  let kms: KMSClient;
  let keyA: string;
  let keyB: string;
  let cKey: SsecKey;
  let bucket: string;
  let modes: Mode[];

  useEnc(async (e) => {
    h = e;
    s3 = h.s3s();
    kms = h.kms();
    keyA = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    keyB = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    cKey = ssecKey();
    bucket = await createSsecBucket(s3, 'modes');
    const kmsCheck = (alg: string, bucketKey: boolean) => (r: Parameters<Mode['check']>[0], what: string) => {
      expect(r.ServerSideEncryption, what).to.equal(alg);
      expect(r.SSEKMSKeyId, what).to.equal(keyArn(keyA));
      if (bucketKey) expect(r.BucketKeyEnabled, what).to.equal(true);
    };
    modes = [
      { name: 'SSE-S3', write: { ServerSideEncryption: 'AES256' }, read: {}, check: (r, w) => expect(r.ServerSideEncryption, w).to.equal('AES256') },
      { name: 'SSE-KMS', write: { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyA }, read: {}, check: kmsCheck('aws:kms', false) },
      { name: 'SSE-KMS+BucketKey', write: { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyA, BucketKeyEnabled: true }, read: {}, check: kmsCheck('aws:kms', true) },
      { name: 'DSSE-KMS', write: { ServerSideEncryption: 'aws:kms:dsse', SSEKMSKeyId: keyA }, read: {}, check: kmsCheck('aws:kms:dsse', false) },
      { name: 'SSE-C', write: ssec(cKey), read: ssec(cKey), check: (r, w) => { expect(r.SSECustomerAlgorithm, w).to.equal('AES256'); expect(r.ServerSideEncryption, w).to.equal(undefined); } },
    ];
  });

  const SIZE = 3 * SEGMENT + 1234;
  const RANGES: Array<[string, number, number]> = [
    ['bytes=0-0', 0, 0],
    ['bytes=0-99', 0, 99],
    [`bytes=${SEGMENT - 10}-${SEGMENT + 9}`, SEGMENT - 10, SEGMENT + 9],
    [`bytes=${SEGMENT}-${2 * SEGMENT - 1}`, SEGMENT, 2 * SEGMENT - 1],
    [`bytes=${SEGMENT - 1}-${SEGMENT}`, SEGMENT - 1, SEGMENT],
    [`bytes=100-${3 * SEGMENT + 5}`, 100, 3 * SEGMENT + 5],
    [`bytes=${2 * SEGMENT + 7}-`, 2 * SEGMENT + 7, SIZE - 1],
    ['bytes=-100', SIZE - 100, SIZE - 1],
    [`bytes=-${SEGMENT + 1300}`, SIZE - (SEGMENT + 1300), SIZE - 1],
    [`bytes=${SIZE - 1}-${SIZE + 100}`, SIZE - 1, SIZE - 1],
  ];

  it('Range_GETs_equal_the_plaintext_slice_in_every_mode', async () => {
    const plain = randomBytes(SIZE);
    for (const m of modes) {
      const key = `range-${m.name}`;
      const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: plain, ...m.write }));
      m.check(put, `${m.name} PUT`);
      const full = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, ...m.read }));
      m.check(full, `${m.name} GET`);
      expect(full.ContentLength, m.name).to.equal(SIZE);
      expect((await bytes(full.Body)).equals(plain), `${m.name} full body`).to.equal(true);
      for (const [range, start, end] of RANGES) {
        const r = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: range, ...m.read }));
        expect(r.$metadata.httpStatusCode, `${m.name} ${range}`).to.equal(206);
        expect(r.ContentRange, `${m.name} ${range}`).to.equal(`bytes ${start}-${end}/${SIZE}`);
        const got = await bytes(r.Body);
        expect(got.equals(plain.subarray(start, end + 1)), `${m.name} ${range} body`).to.equal(true);
      }
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key, ...m.read }));
      expect(head.ContentLength, `${m.name} HEAD size is the plaintext size`).to.equal(SIZE);
    }
  });

  it('Empty_object_in_every_mode', async () => {
    for (const m of modes) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `empty-${m.name}`, Body: Buffer.alloc(0), ...m.write }));
      const r = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `empty-${m.name}`, ...m.read }));
      expect(r.ContentLength, m.name).to.equal(0);
      expect((await bytes(r.Body)).length, m.name).to.equal(0);
    }
  });

  it('Multipart_upload_in_every_mode_with_ranges_across_parts_and_PartNumber_reads', async () => {
    const part1 = randomBytes(5 * MiB);
    const part2 = randomBytes(SEGMENT * 2 + 333);
    const whole = Buffer.concat([part1, part2]);
    for (const m of modes) {
      const key = `mp-${m.name}`;
      const up = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ...m.write }));
      m.check(up, `${m.name} CreateMultipartUpload`);
      const p1 = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: up.UploadId, PartNumber: 1, Body: part1, ...m.read }));
      m.check(p1, `${m.name} UploadPart`);
      const p2 = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: up.UploadId, PartNumber: 2, Body: part2, ...m.read }));
      const done = await s3.send(new CompleteMultipartUploadCommand({
        Bucket: bucket, Key: key, UploadId: up.UploadId, ...(m.name === 'SSE-C' ? m.read : {}),
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.ETag }, { PartNumber: 2, ETag: p2.ETag }] },
      }));
      if (m.name !== 'SSE-C') m.check(done, `${m.name} Complete`);

      const full = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, ...m.read }));
      m.check(full, `${m.name} GET multipart`);
      expect((await bytes(full.Body)).equals(whole), `${m.name} multipart body`).to.equal(true);

      const b = part1.length;
      for (const [start, end] of [[b - 10, b + 9], [b - SEGMENT, b + SEGMENT + 5], [0, whole.length - 1], [b + SEGMENT - 3, b + SEGMENT + 3]]) {
        const r = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${end}`, ...m.read }));
        expect((await bytes(r.Body)).equals(whole.subarray(start, end + 1)), `${m.name} range ${start}-${end}`).to.equal(true);
      }
      const suffix = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=-${part2.length + 50}`, ...m.read }));
      expect((await bytes(suffix.Body)).equals(whole.subarray(whole.length - part2.length - 50)), `${m.name} suffix`).to.equal(true);

      const pn = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, PartNumber: 2, ...m.read }));
      expect(pn.PartsCount, `${m.name} PartsCount`).to.equal(2);
      expect(pn.ContentRange, `${m.name} part 2 ContentRange`).to.equal(`bytes ${part1.length}-${whole.length - 1}/${whole.length}`);
      expect((await bytes(pn.Body)).equals(part2), `${m.name} PartNumber=2 body`).to.equal(true);
      const pn1 = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key, PartNumber: 1, ...m.read }));
      expect(pn1.ContentLength, `${m.name} HEAD PartNumber=1`).to.equal(part1.length);
    }
  });

  it('SSE_C_multipart_object_needs_the_key_to_read', async () => {
    const key = 'mp-SSE-C';
    expect((await failure(s3.send(new GetObjectCommand({ Bucket: bucket, Key: key })))).status).to.equal(400);
    expect((await failure(s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, PartNumber: 1, ...ssec(ssecKey()) })))).status).to.equal(403);
  });

  it('CopyObject_SSE_C_to_SSE_KMS_re_encrypts', async () => {
    const plain = randomBytes(SEGMENT + 100);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'src-c', Body: plain, ...ssec(cKey) }));

    const missing = await failure(s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'dst-kms', CopySource: `${bucket}/src-c`, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyB })));
    expect(missing.status, 'copying an SSE-C source needs the copy-source key').to.equal(400);
    expect(missing.code).to.equal('InvalidRequest');
    const wrong = await failure(s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'dst-kms', CopySource: `${bucket}/src-c`, ...copySsec(ssecKey()), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyB })));
    expect(wrong.status).to.equal(403);

    const cp = await s3.send(new CopyObjectCommand({
      Bucket: bucket, Key: 'dst-kms', CopySource: `${bucket}/src-c`, ...copySsec(cKey), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyB,
    }));
    expect(cp.ServerSideEncryption).to.equal('aws:kms');
    expect(cp.SSEKMSKeyId).to.equal(keyArn(keyB));
    expect(cp.SSECustomerAlgorithm).to.equal(undefined);
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'dst-kms' }));
    expect(got.SSEKMSKeyId).to.equal(keyArn(keyB));
    expect((await bytes(got.Body)).equals(plain)).to.equal(true);
  });

  it('CopyObject_KMS_key_A_to_key_B_re_encrypts_under_B', async () => {
    const plain = randomBytes(2 * SEGMENT + 5);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'src-a', Body: plain, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyA }));
    const cp = await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'dst-b', CopySource: `${bucket}/src-a`, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyB }));
    expect(cp.ServerSideEncryption).to.equal('aws:kms');
    expect(cp.SSEKMSKeyId).to.equal(keyArn(keyB));
    // Proof the copy is under B only: with A disabled, the source fails and the copy reads.
    await kms.send(new DisableKeyCommand({ KeyId: keyA }));
    try {
      expect((await failure(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'src-a' })))).code).to.equal('KMS.DisabledException');
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'dst-b' }));
      expect(got.SSEKMSKeyId).to.equal(keyArn(keyB));
      expect((await bytes(got.Body)).equals(plain)).to.equal(true);
    } finally {
      await kms.send(new EnableKeyCommand({ KeyId: keyA }));
    }
  });

  it('CopyObject_SSE_S3_to_SSE_C_re_encrypts', async () => {
    const plain = randomBytes(SEGMENT + 1);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'src-s3', Body: plain }));
    const k = ssecKey();
    const cp = await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'dst-c', CopySource: `${bucket}/src-s3`, ...ssec(k) }));
    expect(cp.SSECustomerAlgorithm).to.equal('AES256');
    expect(cp.SSECustomerKeyMD5).to.equal(k.md5);
    expect(cp.ServerSideEncryption).to.equal(undefined);
    expect((await failure(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'dst-c' })))).status).to.equal(400);
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'dst-c', ...ssec(k) }));
    expect((await bytes(got.Body)).equals(plain)).to.equal(true);
  });

  it('CopyObject_in_place_SSE_S3_to_SSE_KMS_changes_the_mode', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'inplace', Body: 'same bytes' }));
    const cp = await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'inplace', CopySource: `${bucket}/inplace`, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyA }));
    expect(cp.SSEKMSKeyId).to.equal(keyArn(keyA));
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'inplace' }));
    expect(got.ServerSideEncryption).to.equal('aws:kms');
    expect((await bytes(got.Body)).toString()).to.equal('same bytes');
  });

  it('UploadPartCopy_from_encrypted_sources', async () => {
    const kmsSrc = randomBytes(5 * MiB + SEGMENT + 17);
    const cSrc = randomBytes(SEGMENT + 9);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'upc-kms', Body: kmsSrc, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyA }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'upc-c', Body: cSrc, ...ssec(cKey) }));

    // Into an SSE-C upload with a new key: part 1 copied (a range) from the SSE-KMS source, part 2 from the SSE-C source.
    const k = ssecKey();
    const up = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'upc-dst', ...ssec(k) }));
    // Copying an SSE-C part source without its key is refused.
    const noSrcKey = await failure(s3.send(new UploadPartCopyCommand({ Bucket: bucket, Key: 'upc-dst', UploadId: up.UploadId, PartNumber: 2, CopySource: `${bucket}/upc-c`, ...ssec(k) })));
    expect(noSrcKey.status).to.equal(400);
    const p1 = await s3.send(new UploadPartCopyCommand({ Bucket: bucket, Key: 'upc-dst', UploadId: up.UploadId, PartNumber: 1, CopySource: `${bucket}/upc-kms`, ...ssec(k) }));
    const p2 = await s3.send(new UploadPartCopyCommand({
      Bucket: bucket, Key: 'upc-dst', UploadId: up.UploadId, PartNumber: 2, CopySource: `${bucket}/upc-c`,
      CopySourceRange: `bytes=${SEGMENT - 5}-${SEGMENT + 8}`, ...copySsec(cKey), ...ssec(k),
    }));
    expect(p1.SSECustomerAlgorithm).to.equal('AES256');
    const done = await s3.send(new CompleteMultipartUploadCommand({
      Bucket: bucket, Key: 'upc-dst', UploadId: up.UploadId, ...ssec(k),
      MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.CopyPartResult!.ETag }, { PartNumber: 2, ETag: p2.CopyPartResult!.ETag }] },
    }));
    expect(done.$metadata.httpStatusCode).to.equal(200);
    const expected = Buffer.concat([kmsSrc, cSrc.subarray(SEGMENT - 5, SEGMENT + 9)]);
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'upc-dst', ...ssec(k) }));
    expect((await bytes(got.Body)).equals(expected)).to.equal(true);
    expect((await failure(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'upc-dst', ...ssec(cKey) })))).status).to.equal(403);

    // Into an SSE-KMS (key B) upload from the SSE-C source.
    const up2 = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'upc-dst2', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyB }));
    const q1 = await s3.send(new UploadPartCopyCommand({ Bucket: bucket, Key: 'upc-dst2', UploadId: up2.UploadId, PartNumber: 1, CopySource: `${bucket}/upc-c`, ...copySsec(cKey) }));
    expect(q1.ServerSideEncryption).to.equal('aws:kms');
    expect(q1.SSEKMSKeyId).to.equal(keyArn(keyB));
    await s3.send(new CompleteMultipartUploadCommand({
      Bucket: bucket, Key: 'upc-dst2', UploadId: up2.UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: q1.CopyPartResult!.ETag }] },
    }));
    const got2 = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'upc-dst2' }));
    expect(got2.SSEKMSKeyId).to.equal(keyArn(keyB));
    expect((await bytes(got2.Body)).equals(cSrc)).to.equal(true);
  });
});
