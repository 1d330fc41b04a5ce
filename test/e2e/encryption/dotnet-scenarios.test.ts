// The s3-security-overview's .NET scenarios, done with the JS SDK: SSE-KMS with a key ARN
// (the response names the key) and SSE-C with a random 256-bit key.
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { bytes, createBucket, createSsecBucket, failure, ssec, ssecKey, SSE_C_MESSAGES, useEnc, SEEDED_KMS_CONFIG as CONFIG, type EncHarness } from './support';

describe('encryption e2e: s3-security-overview .NET scenarios in JS', () => {
  let h: EncHarness;
  useEnc((e) => { h = e; }, { config: CONFIG });

  it('PutObject_SSE_KMS_with_key_ARN_response_names_the_key', async () => {
    const s3 = h.s3s();
    const bucket = await createBucket(s3, 'my-secure-bucket');
    const arn = 'arn:aws:kms:us-east-1:123456789012:key/my-key-id';
    const put = await s3.send(new PutObjectCommand({
      Bucket: bucket, Key: 'sensitive-data.json', Body: '{ "secret": "data" }', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: arn,
    }));
    expect(put.ServerSideEncryption).to.equal('aws:kms');
    expect(put.SSEKMSKeyId).to.equal(arn);
    const get = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'sensitive-data.json' }));
    expect(get.SSEKMSKeyId).to.equal(arn);
    expect((await bytes(get.Body)).toString()).to.equal('{ "secret": "data" }');
  });

  it('PutObject_SSE_C_random_256_bit_key_same_key_reads_other_key_refused', async () => {
    const s3 = h.s3s();
    const bucket = await createSsecBucket(s3, 'my-bucket');
    const keyBytes = randomBytes(32);
    const file = randomBytes(100_000);
    const k = ssecKey(keyBytes);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'file.bin', Body: file, SSECustomerAlgorithm: 'AES256', SSECustomerKey: keyBytes.toString('base64') }));
    const same = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'file.bin', ...ssec(k) }));
    expect((await bytes(same.Body)).equals(file)).to.equal(true);
    const other = await failure(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'file.bin', ...ssec(ssecKey()) })));
    expect(other.status).to.equal(403);
    expect(other.code).to.equal('AccessDenied');
    expect(other.message).to.equal(SSE_C_MESSAGES.wrongKey);
  });
});
