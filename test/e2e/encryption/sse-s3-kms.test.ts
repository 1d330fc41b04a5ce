// SSE-S3 defaults, SSE-KMS, DSSE-KMS, bucket default encryption and KMS key states seen
// through S3, with AWS's literal codes, statuses and messages.
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import {
  CreateAliasCommand, CreateKeyCommand, DisableKeyCommand, EnableKeyCommand, ScheduleKeyDeletionCommand, CancelKeyDeletionCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import {
  DeleteBucketEncryptionCommand, GetBucketEncryptionCommand, GetObjectCommand, HeadObjectCommand, PutBucketEncryptionCommand,
  PutObjectCommand, type S3Client,
} from '@aws-sdk/client-s3';
import { bytes, createBucket, editHeaders, failure, keyArn, useEnc, type EncHarness } from './support';

describe('encryption e2e: SSE-S3, SSE-KMS, DSSE-KMS and bucket defaults', () => {
  let h: EncHarness;
  let s3: S3Client;
  let kms: KMSClient;
  useEnc((e) => { h = e; s3 = h.s3(); kms = h.kms(); }, { tlsPort: false });

  async function newKey(): Promise<string> {
    return (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  }

  it('New_bucket_default_is_SSE_S3_with_SSE_C_blocked', async () => {
    const b = await createBucket(s3);
    const put = await s3.send(new PutObjectCommand({ Bucket: b, Key: 'plain', Body: 'hello' }));
    expect(put.ServerSideEncryption).to.equal('AES256');
    expect(put.ETag, 'SSE-S3 ETag is the MD5 of the data').to.equal(`"${createHash('md5').update('hello').digest('hex')}"`);
    expect(put.SSEKMSKeyId).to.equal(undefined);
    const head = await s3.send(new HeadObjectCommand({ Bucket: b, Key: 'plain' }));
    expect(head.ServerSideEncryption).to.equal('AES256');
    const get = await s3.send(new GetObjectCommand({ Bucket: b, Key: 'plain' }));
    expect(get.ServerSideEncryption).to.equal('AES256');
    expect((await bytes(get.Body)).toString()).to.equal('hello');

    const enc = await s3.send(new GetBucketEncryptionCommand({ Bucket: b }));
    const rules = enc.ServerSideEncryptionConfiguration!.Rules!;
    expect(rules).to.have.length(1);
    expect(rules[0].ApplyServerSideEncryptionByDefault!.SSEAlgorithm).to.equal('AES256');
    expect(rules[0].ApplyServerSideEncryptionByDefault!.KMSMasterKeyID).to.equal(undefined);
    expect(rules[0].BlockedEncryptionTypes?.EncryptionType).to.deep.equal(['SSE-C']);

    const explicit = await s3.send(new PutObjectCommand({ Bucket: b, Key: 'explicit', Body: 'x', ServerSideEncryption: 'AES256' }));
    expect(explicit.ServerSideEncryption).to.equal('AES256');
  });

  it('SSE_KMS_by_key_id_key_ARN_alias_name_and_alias_ARN_answers_the_full_key_ARN', async () => {
    const k = await newKey();
    const alias = `alias/s3-${Date.now()}`;
    await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: k }));
    const b = await createBucket(s3);
    const refs = [k, keyArn(k), alias, `arn:aws:kms:us-east-1:123456789012:${alias}`];
    for (const [i, ref] of refs.entries()) {
      const put = await s3.send(new PutObjectCommand({ Bucket: b, Key: `o${i}`, Body: `body ${i}`, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: ref }));
      expect(put.ServerSideEncryption, ref).to.equal('aws:kms');
      expect(put.SSEKMSKeyId, ref).to.equal(keyArn(k));
      const head = await s3.send(new HeadObjectCommand({ Bucket: b, Key: `o${i}` }));
      expect(head.ServerSideEncryption).to.equal('aws:kms');
      expect(head.SSEKMSKeyId).to.equal(keyArn(k));
      const get = await s3.send(new GetObjectCommand({ Bucket: b, Key: `o${i}` }));
      expect(get.SSEKMSKeyId).to.equal(keyArn(k));
      expect((await bytes(get.Body)).toString()).to.equal(`body ${i}`);
    }
  });

  it('SSE_KMS_without_key_uses_alias_aws_s3', async () => {
    const b = await createBucket(s3);
    const put = await s3.send(new PutObjectCommand({ Bucket: b, Key: 'k', Body: 'managed', ServerSideEncryption: 'aws:kms' }));
    expect(put.ServerSideEncryption).to.equal('aws:kms');
    expect(put.SSEKMSKeyId).to.match(/^arn:aws:kms:us-east-1:123456789012:key\/[0-9a-f-]{36}$/);
    const managed = await s3.send(new PutObjectCommand({ Bucket: b, Key: 'k2', Body: 'managed', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/aws/s3' }));
    expect(managed.SSEKMSKeyId).to.equal(put.SSEKMSKeyId);
  });

  it('SSE_KMS_encryption_context_is_echoed_and_BucketKeyEnabled_reported', async () => {
    const k = await newKey();
    const b = await createBucket(s3);
    const ctx = { project: 'alpha', stage: 'test' };
    const put = await s3.send(new PutObjectCommand({
      Bucket: b, Key: 'ctx', Body: 'context', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: k,
      SSEKMSEncryptionContext: Buffer.from(JSON.stringify(ctx)).toString('base64'),
    }));
    expect(put.SSEKMSEncryptionContext, 'PutObject echoes x-amz-server-side-encryption-context').to.be.a('string');
    const echoed = JSON.parse(Buffer.from(put.SSEKMSEncryptionContext!, 'base64').toString('utf8')) as Record<string, string>;
    expect(echoed).to.include(ctx);
    expect((await bytes((await s3.send(new GetObjectCommand({ Bucket: b, Key: 'ctx' }))).Body)).toString()).to.equal('context');

    const bk = await s3.send(new PutObjectCommand({ Bucket: b, Key: 'bk', Body: 'bucket key', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: k, BucketKeyEnabled: true }));
    expect(bk.BucketKeyEnabled).to.equal(true);
    expect(bk.SSEKMSKeyId).to.equal(keyArn(k));
    const head = await s3.send(new HeadObjectCommand({ Bucket: b, Key: 'bk' }));
    expect(head.BucketKeyEnabled).to.equal(true);
    const get = await s3.send(new GetObjectCommand({ Bucket: b, Key: 'bk' }));
    expect(get.BucketKeyEnabled).to.equal(true);
    expect((await bytes(get.Body)).toString()).to.equal('bucket key');
  });

  it('DSSE_KMS_round_trip', async () => {
    const k = await newKey();
    const b = await createBucket(s3);
    const put = await s3.send(new PutObjectCommand({ Bucket: b, Key: 'd', Body: 'dual layer', ServerSideEncryption: 'aws:kms:dsse', SSEKMSKeyId: k }));
    expect(put.ServerSideEncryption).to.equal('aws:kms:dsse');
    expect(put.SSEKMSKeyId).to.equal(keyArn(k));
    const get = await s3.send(new GetObjectCommand({ Bucket: b, Key: 'd' }));
    expect(get.ServerSideEncryption).to.equal('aws:kms:dsse');
    expect(get.SSEKMSKeyId).to.equal(keyArn(k));
    expect((await bytes(get.Body)).toString()).to.equal('dual layer');
  });

  it('Disabled_key_fails_PUT_and_GET_with_KMS_DisabledException_until_EnableKey', async () => {
    const k = await newKey();
    const b = await createBucket(s3);
    await s3.send(new PutObjectCommand({ Bucket: b, Key: 'x', Body: 'before', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: k }));
    await s3.send(new PutObjectCommand({ Bucket: b, Key: 'dsse', Body: 'before', ServerSideEncryption: 'aws:kms:dsse', SSEKMSKeyId: k }));
    await kms.send(new DisableKeyCommand({ KeyId: k }));

    const put = await failure(s3.send(new PutObjectCommand({ Bucket: b, Key: 'y', Body: 'z', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: k })));
    expect(put.code).to.equal('KMS.DisabledException');
    expect(put.status).to.equal(400);
    expect(put.message).to.equal(`${keyArn(k)} is disabled.`);
    for (const key of ['x', 'dsse']) {
      const get = await failure(s3.send(new GetObjectCommand({ Bucket: b, Key: key })));
      expect(get.code, key).to.equal('KMS.DisabledException');
      expect(get.status).to.equal(400);
      expect(get.message).to.equal(`${keyArn(k)} is disabled.`);
    }
    const absent = await failure(s3.send(new HeadObjectCommand({ Bucket: b, Key: 'y' })));
    expect(absent.status, 'the refused PUT stored nothing').to.equal(404);

    await kms.send(new EnableKeyCommand({ KeyId: k }));
    expect((await bytes((await s3.send(new GetObjectCommand({ Bucket: b, Key: 'x' }))).Body)).toString()).to.equal('before');
    expect((await bytes((await s3.send(new GetObjectCommand({ Bucket: b, Key: 'dsse' }))).Body)).toString()).to.equal('before');
    await s3.send(new PutObjectCommand({ Bucket: b, Key: 'y', Body: 'z', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: k }));
  });

  it('Key_pending_deletion_gives_KMS_KMSInvalidStateException', async () => {
    const k = await newKey();
    const b = await createBucket(s3);
    await s3.send(new PutObjectCommand({ Bucket: b, Key: 'x', Body: 'before', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: k }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: k, PendingWindowInDays: 7 }));
    const get = await failure(s3.send(new GetObjectCommand({ Bucket: b, Key: 'x' })));
    expect(get.code).to.equal('KMS.KMSInvalidStateException');
    expect(get.status).to.equal(400);
    expect(get.message).to.equal(`${keyArn(k)} is pending deletion.`);
    const put = await failure(s3.send(new PutObjectCommand({ Bucket: b, Key: 'y', Body: 'z', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: k })));
    expect(put.code).to.equal('KMS.KMSInvalidStateException');
    expect(put.status).to.equal(400);
    await kms.send(new CancelKeyDeletionCommand({ KeyId: k }));
    await kms.send(new EnableKeyCommand({ KeyId: k }));
    expect((await bytes((await s3.send(new GetObjectCommand({ Bucket: b, Key: 'x' }))).Body)).toString()).to.equal('before');
  });

  it('Unknown_key_gives_KMS_NotFoundException', async () => {
    const b = await createBucket(s3);
    const byId = await failure(s3.send(new PutObjectCommand({ Bucket: b, Key: 'x', Body: 'z', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'fake-key-id' })));
    expect(byId.code).to.equal('KMS.NotFoundException');
    expect(byId.status).to.equal(400);
    expect(byId.message).to.equal("Invalid keyId 'fake-key-id'");
    const arn = keyArn('00000000-1111-2222-3333-444444444444');
    const byArn = await failure(s3.send(new PutObjectCommand({ Bucket: b, Key: 'x', Body: 'z', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: arn })));
    expect(byArn.code).to.equal('KMS.NotFoundException');
    expect(byArn.message).to.equal(`Key '${arn}' does not exist`);
  });

  it('PutBucketEncryption_aws_kms_with_key_applies_to_objects_without_headers', async () => {
    const k = await newKey();
    const b = await createBucket(s3);
    await s3.send(new PutBucketEncryptionCommand({
      Bucket: b,
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: k }, BucketKeyEnabled: true }] },
    }));
    const got = await s3.send(new GetBucketEncryptionCommand({ Bucket: b }));
    const rule = got.ServerSideEncryptionConfiguration!.Rules![0];
    expect(rule.ApplyServerSideEncryptionByDefault!.SSEAlgorithm).to.equal('aws:kms');
    expect(rule.ApplyServerSideEncryptionByDefault!.KMSMasterKeyID).to.equal(k);
    expect(rule.BucketKeyEnabled).to.equal(true);

    const put = await s3.send(new PutObjectCommand({ Bucket: b, Key: 'auto', Body: 'defaulted' }));
    expect(put.ServerSideEncryption).to.equal('aws:kms');
    expect(put.SSEKMSKeyId).to.equal(keyArn(k));
    expect(put.BucketKeyEnabled).to.equal(true);
    const get = await s3.send(new GetObjectCommand({ Bucket: b, Key: 'auto' }));
    expect(get.SSEKMSKeyId).to.equal(keyArn(k));
    expect((await bytes(get.Body)).toString()).to.equal('defaulted');

    // An explicit header still wins over the bucket default.
    const s3put = await s3.send(new PutObjectCommand({ Bucket: b, Key: 'sse-s3', Body: 'x', ServerSideEncryption: 'AES256' }));
    expect(s3put.ServerSideEncryption).to.equal('AES256');
    expect(s3put.SSEKMSKeyId).to.equal(undefined);

    // The default key is honoured at write time: disabling it refuses header-less PUTs.
    await kms.send(new DisableKeyCommand({ KeyId: k }));
    const refused = await failure(s3.send(new PutObjectCommand({ Bucket: b, Key: 'auto2', Body: 'x' })));
    expect(refused.code).to.equal('KMS.DisabledException');
    await kms.send(new EnableKeyCommand({ KeyId: k }));
  });

  it('PutBucketEncryption_KMSMasterKeyID_with_AES256_is_InvalidArgument', async () => {
    const k = await newKey();
    const b = await createBucket(s3);
    const f = await failure(s3.send(new PutBucketEncryptionCommand({
      Bucket: b,
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256', KMSMasterKeyID: k } }] },
    })));
    expect(f.code).to.equal('InvalidArgument');
    expect(f.status).to.equal(400);
    expect(f.message).to.equal('a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse');
  });

  it('DeleteBucketEncryption_goes_back_to_SSE_S3', async () => {
    const k = await newKey();
    const b = await createBucket(s3);
    await s3.send(new PutBucketEncryptionCommand({
      Bucket: b,
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms:dsse', KMSMasterKeyID: keyArn(k) } }] },
    }));
    const dsse = await s3.send(new PutObjectCommand({ Bucket: b, Key: 'd', Body: 'x' }));
    expect(dsse.ServerSideEncryption).to.equal('aws:kms:dsse');
    expect(dsse.SSEKMSKeyId).to.equal(keyArn(k));

    const del = await s3.send(new DeleteBucketEncryptionCommand({ Bucket: b }));
    expect(del.$metadata.httpStatusCode).to.equal(204);
    const got = await s3.send(new GetBucketEncryptionCommand({ Bucket: b }));
    const rule = got.ServerSideEncryptionConfiguration!.Rules![0];
    expect(rule.ApplyServerSideEncryptionByDefault!.SSEAlgorithm).to.equal('AES256');
    expect(rule.ApplyServerSideEncryptionByDefault!.KMSMasterKeyID).to.equal(undefined);
    const put = await s3.send(new PutObjectCommand({ Bucket: b, Key: 'after', Body: 'x' }));
    expect(put.ServerSideEncryption).to.equal('AES256');
    expect(put.SSEKMSKeyId).to.equal(undefined);
    // The object written under the old default keeps its mode.
    const old = await s3.send(new HeadObjectCommand({ Bucket: b, Key: 'd' }));
    expect(old.ServerSideEncryption).to.equal('aws:kms:dsse');
  });

  it('GET_and_HEAD_with_x_amz_server_side_encryption_header_are_400', async () => {
    // AWS GetObject/HeadObject docs: sending x-amz-server-side-encryption for an SSE-S3, SSE-KMS or
    // DSSE-KMS object gets HTTP 400 Bad Request.
    const k = await newKey();
    const b = await createBucket(s3);
    await s3.send(new PutObjectCommand({ Bucket: b, Key: 's3', Body: 'x' }));
    await s3.send(new PutObjectCommand({ Bucket: b, Key: 'kms', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: k }));
    for (const [key, value] of [['s3', 'AES256'], ['kms', 'aws:kms']]) {
      const get = await failure(s3.send(editHeaders(new GetObjectCommand({ Bucket: b, Key: key }), (hd) => { hd['x-amz-server-side-encryption'] = value; })));
      expect(get.status, `GET ${key}`).to.equal(400);
      expect(get.code, `GET ${key}`).to.equal('InvalidArgument');
      expect(get.message).to.equal('x-amz-server-side-encryption header is not supported for this operation.');
      const head = await failure(s3.send(editHeaders(new HeadObjectCommand({ Bucket: b, Key: key }), (hd) => { hd['x-amz-server-side-encryption'] = value; })));
      expect(head.status, `HEAD ${key}`).to.equal(400);
    }
  });

  it('KMS_key_id_without_aws_kms_header_is_refused', async () => {
    const k = await newKey();
    const b = await createBucket(s3);
    const f = await failure(s3.send(new PutObjectCommand({ Bucket: b, Key: 'x', Body: 'z', ServerSideEncryption: 'AES256', SSEKMSKeyId: k })));
    expect(f.code).to.equal('InvalidArgument');
    expect(f.status).to.equal(400);
  });
});
