// SSE-C over HTTPS (the emulator's own CA trusted through the SDK's https agent), the
// header validation codes, blocking, and the HTTP refusal.
import { expect } from 'chai';
import {
  CreateMultipartUploadCommand, GetBucketEncryptionCommand, GetObjectCommand, HeadObjectCommand, PutBucketEncryptionCommand, PutObjectCommand, UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { bytes, createBucket, createSsecBucket, editHeaders, failure, SSE_C_MESSAGES as M, ssec, ssecKey, startEnc, useEnc, type EncHarness } from './support';

const H = {
  alg: 'x-amz-server-side-encryption-customer-algorithm',
  key: 'x-amz-server-side-encryption-customer-key',
  md5: 'x-amz-server-side-encryption-customer-key-md5',
};

describe('encryption e2e: SSE-C', () => {
  let h: EncHarness;
  let s3: S3Client;
  useEnc((e) => { h = e; s3 = h.s3s(); });

  it('SSE_C_round_trip_same_key_works_other_key_403_no_key_400', async () => {
    const b = await createSsecBucket(s3);
    const cfg = await s3.send(new GetBucketEncryptionCommand({ Bucket: b }));
    expect(cfg.ServerSideEncryptionConfiguration!.Rules![0].BlockedEncryptionTypes?.EncryptionType, 'unblocked shows NONE').to.deep.equal(['NONE']);
    const k = ssecKey();
    const other = ssecKey();
    const put = await s3.send(new PutObjectCommand({ Bucket: b, Key: 'c', Body: 'customer secret', ...ssec(k) }));
    expect(put.SSECustomerAlgorithm).to.equal('AES256');
    expect(put.SSECustomerKeyMD5).to.equal(k.md5);
    expect(put.ServerSideEncryption).to.equal(undefined);

    const get = await s3.send(new GetObjectCommand({ Bucket: b, Key: 'c', ...ssec(k) }));
    expect(get.SSECustomerAlgorithm).to.equal('AES256');
    expect(get.SSECustomerKeyMD5).to.equal(k.md5);
    expect((await bytes(get.Body)).toString()).to.equal('customer secret');

    const wrong = await failure(s3.send(new GetObjectCommand({ Bucket: b, Key: 'c', ...ssec(other) })));
    expect(wrong.status).to.equal(403);
    expect(wrong.code).to.equal('AccessDenied');
    expect(wrong.message).to.equal(M.wrongKey);

    const none = await failure(s3.send(new GetObjectCommand({ Bucket: b, Key: 'c' })));
    expect(none.status).to.equal(400);
    expect(none.code).to.equal('InvalidRequest');
    expect(none.message).to.equal(M.required);

    const ranged = await failure(s3.send(new GetObjectCommand({ Bucket: b, Key: 'c', Range: 'bytes=0-3' })));
    expect(ranged.status).to.equal(400);
  });

  it('HEAD_variants_same_key_200_other_key_403_no_key_400', async () => {
    const b = await createSsecBucket(s3);
    const k = ssecKey();
    await s3.send(new PutObjectCommand({ Bucket: b, Key: 'h', Body: '12345', ...ssec(k) }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: b, Key: 'h', ...ssec(k) }));
    expect(head.ContentLength).to.equal(5);
    expect(head.SSECustomerAlgorithm).to.equal('AES256');
    expect(head.SSECustomerKeyMD5).to.equal(k.md5);
    expect((await failure(s3.send(new HeadObjectCommand({ Bucket: b, Key: 'h', ...ssec(ssecKey()) })))).status).to.equal(403);
    expect((await failure(s3.send(new HeadObjectCommand({ Bucket: b, Key: 'h' })))).status).to.equal(400);
  });

  it('SSE_C_key_on_GET_of_a_non_SSE_C_object_is_400_InvalidRequest', async () => {
    const b = await createSsecBucket(s3);
    await s3.send(new PutObjectCommand({ Bucket: b, Key: 'sse-s3', Body: 'x' }));
    const f = await failure(s3.send(new GetObjectCommand({ Bucket: b, Key: 'sse-s3', ...ssec(ssecKey()) })));
    expect(f.status).to.equal(400);
    expect(f.code).to.equal('InvalidRequest');
  });

  it('Bad_key_length_bad_MD5_wrong_algorithm_and_missing_headers_are_400_with_AWS_codes', async () => {
    const b = await createSsecBucket(s3);
    const k = ssecKey();

    // A 128-bit key: the SDK base64-encodes the bytes and computes the right MD5.
    const short = await failure(s3.send(new PutObjectCommand({ Bucket: b, Key: 'x', Body: 'x', SSECustomerAlgorithm: 'AES256', SSECustomerKey: Buffer.alloc(16, 7) as unknown as string })));
    expect(short.status).to.equal(400);
    expect(short.code).to.equal('InvalidArgument');
    expect(short.message).to.equal(M.badKey);

    const badMd5 = await failure(s3.send(editHeaders(new PutObjectCommand({ Bucket: b, Key: 'x', Body: 'x', ...ssec(k) }), (hd) => { hd[H.md5] = ssecKey().md5; })));
    expect(badMd5.status).to.equal(400);
    expect(badMd5.code).to.equal('InvalidArgument');
    expect(badMd5.message).to.equal(M.badMd5);

    const alg = await failure(s3.send(new PutObjectCommand({ Bucket: b, Key: 'x', Body: 'x', ...ssec(k), SSECustomerAlgorithm: 'AES128' })));
    expect(alg.status).to.equal(400);
    expect(alg.code).to.equal('InvalidEncryptionAlgorithmError');
    expect(alg.message).to.equal(M.badAlgorithm);

    const noKey = await failure(s3.send(editHeaders(new PutObjectCommand({ Bucket: b, Key: 'x', Body: 'x', ...ssec(k) }), (hd) => { delete hd[H.key]; })));
    expect(noKey.status).to.equal(400);
    expect(noKey.code).to.equal('InvalidArgument');
    expect(noKey.message).to.equal(M.noKey);

    const noAlg = await failure(s3.send(editHeaders(new PutObjectCommand({ Bucket: b, Key: 'x', Body: 'x', ...ssec(k) }), (hd) => { delete hd[H.alg]; })));
    expect(noAlg.status).to.equal(400);
    expect(noAlg.code).to.equal('InvalidArgument');
    expect(noAlg.message).to.equal(M.noAlgorithm);

    const noMd5 = await failure(s3.send(editHeaders(new PutObjectCommand({ Bucket: b, Key: 'x', Body: 'x', ...ssec(k) }), (hd) => { delete hd[H.md5]; })));
    expect(noMd5.status).to.equal(400);
    expect(noMd5.code).to.equal('InvalidArgument');
    expect(noMd5.message).to.equal(M.noMd5);

    const both = await failure(s3.send(new PutObjectCommand({ Bucket: b, Key: 'x', Body: 'x', ...ssec(k), ServerSideEncryption: 'AES256' })));
    expect(both.status).to.equal(400);
    expect(both.code).to.equal('InvalidArgument');
    expect(both.message).to.equal(M.incompatible);

    // Nothing was stored by any refused PUT.
    expect((await failure(s3.send(new HeadObjectCommand({ Bucket: b, Key: 'x' })))).status).to.equal(404);

    // The same validation on GET.
    await s3.send(new PutObjectCommand({ Bucket: b, Key: 'g', Body: 'g', ...ssec(k) }));
    const getMd5 = await failure(s3.send(editHeaders(new GetObjectCommand({ Bucket: b, Key: 'g', ...ssec(k) }), (hd) => { hd[H.md5] = ssecKey().md5; })));
    expect(getMd5.status).to.equal(400);
    expect(getMd5.code).to.equal('InvalidArgument');
  });

  it('SSE_C_write_to_a_default_bucket_is_403_AccessDenied', async () => {
    const b = await createBucket(s3);
    const f = await failure(s3.send(new PutObjectCommand({ Bucket: b, Key: 'x', Body: 'x', ...ssec(ssecKey()) })));
    expect(f.status).to.equal(403);
    expect(f.code).to.equal('AccessDenied');
    const mp = await failure(s3.send(new CreateMultipartUploadCommand({ Bucket: b, Key: 'm', ...ssec(ssecKey()) })));
    expect(mp.status).to.equal(403);
    expect(mp.code).to.equal('AccessDenied');
    expect((await failure(s3.send(new HeadObjectCommand({ Bucket: b, Key: 'x' })))).status).to.equal(404);
  });

  it('Blocking_SSE_C_again_refuses_new_writes_but_existing_objects_stay_readable', async () => {
    const b = await createSsecBucket(s3);
    const k = ssecKey();
    await s3.send(new PutObjectCommand({ Bucket: b, Key: 'old', Body: 'kept', ...ssec(k) }));
    await s3.send(new PutBucketEncryptionCommand({
      Bucket: b,
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BlockedEncryptionTypes: { EncryptionType: ['SSE-C'] } }] },
    }));
    expect((await failure(s3.send(new PutObjectCommand({ Bucket: b, Key: 'new', Body: 'x', ...ssec(k) })))).status).to.equal(403);
    expect((await bytes((await s3.send(new GetObjectCommand({ Bucket: b, Key: 'old', ...ssec(k) }))).Body)).toString()).to.equal('kept');
  });

  it('SSE_C_multipart_parts_without_key_or_with_another_key_are_400', async () => {
    const b = await createSsecBucket(s3);
    const k = ssecKey();
    const up = await s3.send(new CreateMultipartUploadCommand({ Bucket: b, Key: 'mp', ...ssec(k) }));
    expect(up.SSECustomerAlgorithm).to.equal('AES256');
    expect(up.SSECustomerKeyMD5).to.equal(k.md5);
    const noKey = await failure(s3.send(new UploadPartCommand({ Bucket: b, Key: 'mp', UploadId: up.UploadId, PartNumber: 1, Body: 'part' })));
    expect(noKey.status).to.equal(400);
    expect(noKey.code).to.equal('InvalidRequest');
    expect(noKey.message).to.equal(M.partWithoutKey);
    const otherKey = await failure(s3.send(new UploadPartCommand({ Bucket: b, Key: 'mp', UploadId: up.UploadId, PartNumber: 1, Body: 'part', ...ssec(ssecKey()) })));
    expect(otherKey.status).to.equal(400);
    expect(otherKey.code).to.equal('InvalidRequest');
    expect(otherKey.message).to.equal(M.partKeyDiffers);
    const ok = await s3.send(new UploadPartCommand({ Bucket: b, Key: 'mp', UploadId: up.UploadId, PartNumber: 1, Body: 'part', ...ssec(k) }));
    expect(ok.SSECustomerKeyMD5).to.equal(k.md5);
  });

  it('SSE_C_over_plain_HTTP_is_400_InvalidRequest', async () => {
    const http = h.s3();
    const b = await createSsecBucket(http);
    const k = ssecKey();
    const put = await failure(http.send(new PutObjectCommand({ Bucket: b, Key: 'x', Body: 'x', ...ssec(k) })));
    expect(put.status).to.equal(400);
    expect(put.code).to.equal('InvalidRequest');
    expect(put.message).to.equal(M.overHttp);
    await s3.send(new PutObjectCommand({ Bucket: b, Key: 'y', Body: 'y', ...ssec(k) }));
    const get = await failure(http.send(new GetObjectCommand({ Bucket: b, Key: 'y', ...ssec(k) })));
    expect(get.status).to.equal(400);
    expect(get.code).to.equal('InvalidRequest');
    expect(get.message).to.equal(M.overHttp);
  });

  it('SSE_C_over_HTTP_allowed_with_allowSsecOverHttp', async () => {
    const lax = await startEnc({ tlsPort: false, allowSsecOverHttp: true });
    try {
      const http = lax.s3();
      const b = await createSsecBucket(http);
      const k = ssecKey();
      await http.send(new PutObjectCommand({ Bucket: b, Key: 'x', Body: 'over http', ...ssec(k) }));
      expect((await bytes((await http.send(new GetObjectCommand({ Bucket: b, Key: 'x', ...ssec(k) }))).Body)).toString()).to.equal('over http');
      expect((await failure(http.send(new GetObjectCommand({ Bucket: b, Key: 'x', ...ssec(ssecKey()) })))).status).to.equal(403);
    } finally {
      await lax.stop();
    }
  });
});
