// Restart persistence: KMS keys and encrypted objects survive a stop/start on the same data dir.
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { CreateAliasCommand, CreateKeyCommand, DecryptCommand, DescribeKeyCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { useTempDir } from '../support/e2e';
import { bytes, createBucket, createSsecBucket, keyArn, SEGMENT, ssec, ssecKey, startEnc } from './support';

describe('encryption e2e: restart persistence', () => {
  let dataDir: string;
  useTempDir('s3emu-enc-persist-', (d) => { dataDir = d; });

  it('Keys_and_SSE_S3_SSE_KMS_DSSE_SSE_C_objects_survive_a_restart', async () => {
    const plain = randomBytes(2 * SEGMENT + 99);
    const k = ssecKey();
    let keyId = '';
    let bucket = '';
    let cBucket = '';
    let ciphertext: Uint8Array | undefined;
    let managedArn = '';

    const first = await startEnc({ ephemeral: false, dataDir });
    try {
      const s3 = first.s3s();
      const kms = first.kms();
      keyId = (await kms.send(new CreateKeyCommand({ Description: 'persisted' }))).KeyMetadata!.KeyId!;
      await kms.send(new CreateAliasCommand({ AliasName: 'alias/persisted', TargetKeyId: keyId }));
      ciphertext = (await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('kms persisted') }))).CiphertextBlob;
      bucket = await createBucket(s3, 'persist');
      cBucket = await createSsecBucket(s3, 'persistc');
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'sse-s3', Body: plain }));
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'sse-kms', Body: plain, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/persisted' }));
      managedArn = (await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'sse-kms-managed', Body: plain, ServerSideEncryption: 'aws:kms' }))).SSEKMSKeyId!;
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'bucket-key', Body: plain, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyId, BucketKeyEnabled: true }));
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'dsse', Body: plain, ServerSideEncryption: 'aws:kms:dsse', SSEKMSKeyId: keyId }));
      await s3.send(new PutObjectCommand({ Bucket: cBucket, Key: 'sse-c', Body: plain, ...ssec(k) }));
    } finally {
      await first.stop();
    }

    const second = await startEnc({ ephemeral: false, dataDir });
    try {
      const s3 = second.s3s();
      const kms = second.kms();
      const d = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/persisted' }));
      expect(d.KeyMetadata!.KeyId).to.equal(keyId);
      expect(d.KeyMetadata!.KeyState).to.equal('Enabled');
      const dec = await kms.send(new DecryptCommand({ CiphertextBlob: ciphertext }));
      expect(Buffer.from(dec.Plaintext!).toString()).to.equal('kms persisted');
      expect((await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/s3' }))).KeyMetadata!.Arn).to.equal(managedArn);

      for (const key of ['sse-s3', 'sse-kms', 'sse-kms-managed', 'bucket-key', 'dsse']) {
        const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        expect((await bytes(got.Body)).equals(plain), key).to.equal(true);
        if (key === 'sse-kms' || key === 'dsse') expect(got.SSEKMSKeyId, key).to.equal(keyArn(keyId));
      }
      const c = await s3.send(new GetObjectCommand({ Bucket: cBucket, Key: 'sse-c', ...ssec(k) }));
      expect((await bytes(c.Body)).equals(plain)).to.equal(true);
      // A new write after the restart uses the same managed key.
      const again = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'again', Body: 'x', ServerSideEncryption: 'aws:kms' }));
      expect(again.SSEKMSKeyId).to.equal(managedArn);
    } finally {
      await second.stop();
    }
  });
});
