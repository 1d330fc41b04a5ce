// KMS keys seeded from the config, KMS request authentication, and the AWS managed key
// alias/aws/s3 that S3 creates on first SSE-KMS use.
import { expect } from 'chai';
import { DescribeKeyCommand, EncryptCommand, GetKeyRotationStatusCommand, ListAliasesCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createBucket, failure, keyArn, useEnc, SEEDED_KMS_CONFIG as CONFIG, type EncHarness } from '../encryption/support';

describe('kms e2e: config keys, authentication, alias/aws/s3', () => {
  let h: EncHarness;
  useEnc((e) => { h = e; }, { tlsPort: false, config: CONFIG });

  it('Config_kmsKeys_seed_key_alias_state_and_rotation', async () => {
    const kms = h.kms();
    const d = await kms.send(new DescribeKeyCommand({ KeyId: 'my-key-id' }));
    expect(d.KeyMetadata!.KeyId).to.equal('my-key-id');
    expect(d.KeyMetadata!.Arn).to.equal('arn:aws:kms:us-east-1:123456789012:key/my-key-id');
    expect(d.KeyMetadata!.Enabled).to.equal(true);
    expect(d.KeyMetadata!.KeyManager).to.equal('CUSTOMER');
    expect((await kms.send(new DescribeKeyCommand({ KeyId: 'alias/app' }))).KeyMetadata!.KeyId).to.equal('my-key-id');
    const aliases = await kms.send(new ListAliasesCommand({ KeyId: 'my-key-id' }));
    expect(aliases.Aliases!.map((a) => a.AliasName)).to.deep.equal(['alias/app']);
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: 'my-key-id' }))).KeyRotationEnabled).to.equal(true);
    const enc = await kms.send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: Buffer.from('x') }));
    expect(enc.KeyId).to.equal(keyArn('my-key-id'));
  });

  it('Wrong_secret_gives_InvalidSignatureException', async () => {
    const f = await failure(h.kms({ secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY-wrong' }).send(new ListKeysCommand({})));
    expect(f.code).to.equal('InvalidSignatureException');
    expect(f.status).to.equal(400);
  });

  it('Unknown_access_key_gives_UnrecognizedClientException', async () => {
    const f = await failure(h.kms({ accessKeyId: 'AKIAUNKNOWNKEY000000' }).send(new ListKeysCommand({})));
    expect(f.code).to.equal('UnrecognizedClientException');
    expect(f.status).to.equal(400);
    expect(f.message).to.equal('The security token included in the request is invalid.');
  });

  it('AliasAwsS3_is_created_on_first_SSE_KMS_use', async () => {
    const kms = h.kms();
    const s3 = h.s3();
    const before = await kms.send(new ListAliasesCommand({}));
    const pre = before.Aliases!.find((a) => a.AliasName === 'alias/aws/s3');
    // AWS may list a predefined alias with no TargetKeyId before first use; never a key.
    expect(pre?.TargetKeyId, 'alias/aws/s3 must not point at a key before first use').to.equal(undefined);

    const b = await createBucket(s3);
    const put = await s3.send(new PutObjectCommand({ Bucket: b, Key: 'k', Body: 'managed key', ServerSideEncryption: 'aws:kms' }));
    expect(put.ServerSideEncryption).to.equal('aws:kms');
    expect(put.SSEKMSKeyId).to.match(/^arn:aws:kms:us-east-1:123456789012:key\/[0-9a-f-]{36}$/);
    const keyId = put.SSEKMSKeyId!.split('/')[1];

    const after = await kms.send(new ListAliasesCommand({}));
    const entry = after.Aliases!.find((a) => a.AliasName === 'alias/aws/s3');
    expect(entry, 'ListAliases shows alias/aws/s3').to.not.equal(undefined);
    expect(entry!.TargetKeyId).to.equal(keyId);
    expect(entry!.AliasArn).to.equal('arn:aws:kms:us-east-1:123456789012:alias/aws/s3');
    const d = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/s3' }));
    expect(d.KeyMetadata!.Arn).to.equal(put.SSEKMSKeyId);
    expect(d.KeyMetadata!.KeyManager).to.equal('AWS');

    // A second PUT uses the same managed key, not a new one.
    const put2 = await s3.send(new PutObjectCommand({ Bucket: b, Key: 'k2', Body: 'again', ServerSideEncryption: 'aws:kms' }));
    expect(put2.SSEKMSKeyId).to.equal(put.SSEKMSKeyId);
  });
});
