import { expect } from 'chai';
import { handleKmsRequest } from '../../../server/kms/handle-kms-request';
import { caller, makeKms } from './kms-fixture';

describe('handleKmsRequest (JSON 1.1)', () => {
  const f = makeKms();
  const call = (op: string, body: unknown) => handleKmsRequest(`TrentService.${op}`, body, caller, f.kms);

  it('CreateKey → DescribeKey with epoch-second dates', async () => {
    const created = await call('CreateKey', { Description: 'd', Tags: [{ TagKey: 'a', TagValue: 'b' }] });
    expect(created.status).to.equal(200);
    const meta = created.body.KeyMetadata as Record<string, unknown>;
    expect(meta.CreationDate).to.equal(f.clock.ms / 1000);
    expect(meta.DeletionDate).to.equal(undefined);
    const described = await call('DescribeKey', { KeyId: meta.KeyId });
    expect((described.body.KeyMetadata as Record<string, unknown>).Arn).to.equal(meta.Arn);
  });

  it('Encrypt/Decrypt with base64 blobs and context; wrong context is InvalidCiphertextException', async () => {
    const keyId = ((await call('CreateKey', {})).body.KeyMetadata as Record<string, unknown>).KeyId;
    const enc = await call('Encrypt', { KeyId: keyId, Plaintext: Buffer.from('hi').toString('base64'), EncryptionContext: { a: 'b' } });
    expect(enc.body.EncryptionAlgorithm).to.equal('SYMMETRIC_DEFAULT');
    const dec = await call('Decrypt', { CiphertextBlob: enc.body.CiphertextBlob, EncryptionContext: { a: 'b' } });
    expect(Buffer.from(String(dec.body.Plaintext), 'base64').toString()).to.equal('hi');
    const bad = await call('Decrypt', { CiphertextBlob: enc.body.CiphertextBlob, EncryptionContext: { a: 'c' } });
    expect(bad).to.deep.equal({ status: 400, body: { __type: 'InvalidCiphertextException' } });
  });

  const errors: Array<{ name: string; op: string; body: unknown; type: string; message?: string }> = [
    { name: 'unknown_operation', op: 'Frobnicate', body: {}, type: 'UnknownOperationException' },
    { name: 'missing_key_id', op: 'DescribeKey', body: {}, type: 'ValidationException',
      message: "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null" },
    { name: 'not_found', op: 'DescribeKey', body: { KeyId: 'fake-key-id' }, type: 'NotFoundException', message: "Invalid keyId 'fake-key-id'" },
    { name: 'bad_context_type', op: 'GenerateDataKey', body: { KeyId: 'alias/aws/s3', KeySpec: 'AES_256', EncryptionContext: { a: 1 } }, type: 'ValidationException' },
    { name: 'rsa_algorithm', op: 'Encrypt', body: { KeyId: 'alias/aws/s3', Plaintext: 'aGk=', EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' }, type: 'InvalidKeyUsageException' },
    { name: 'non_object_body', op: 'ListKeys', body: [1], type: 'ValidationException' },
  ];
  for (const e of errors) {
    it(`error ${e.name}`, async () => {
      const r = await handleKmsRequest(`TrentService.${e.op}`, e.body, caller, f.kms);
      expect(r.status).to.equal(400);
      expect(r.body.__type).to.equal(e.type);
      if (e.message) expect(r.body.message).to.equal(e.message);
    });
  }

  it('ScheduleKeyDeletion answers KeyId as the ARN, DeletionDate in seconds, and lists work', async () => {
    const meta = (await call('CreateKey', {})).body.KeyMetadata as Record<string, unknown>;
    const r = await call('ScheduleKeyDeletion', { KeyId: meta.KeyId, PendingWindowInDays: 7 });
    expect(r.body).to.deep.equal({ KeyId: meta.Arn, DeletionDate: f.clock.ms / 1000 + 7 * 86400, KeyState: 'PendingDeletion', PendingWindowInDays: 7 });
    const list = await call('ListKeys', { Limit: 1 });
    expect(list.body.Truncated).to.equal(true);
    const next = await call('ListKeys', { Marker: list.body.NextMarker });
    expect((next.body.Keys as unknown[]).length).to.be.greaterThan(0);
    const gen = await call('GenerateRandom', { NumberOfBytes: 8 });
    expect(Buffer.from(String(gen.body.Plaintext), 'base64').length).to.equal(8);
  });
});
