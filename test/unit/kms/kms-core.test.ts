import { checkAlgorithm } from '../../../crypto/kms/kms-crypto-ops';
import { expect } from 'chai';
import { caller, codeOf, DAY, makeKms, messageOf, otherCaller, REGION, ACCOUNT, type Fixture } from './kms-fixture';

const PT = Buffer.from('secret payload');

describe('KmsCore', () => {
  let f: Fixture;
  let keyId: string;
  let arn: string;
  beforeEach(() => {
    f = makeKms();
    const m = f.kms.createKey(caller, { description: 'test key' });
    keyId = m.KeyId;
    arn = m.Arn;
  });

  it('CreateKey returns AWS KeyMetadata with a UUID id and a key ARN', () => {
    const m = f.kms.describeKey(caller, keyId);
    expect(keyId).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(m).to.deep.include({
      AWSAccountId: ACCOUNT, Arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${keyId}`, Enabled: true, KeyState: 'Enabled',
      KeyUsage: 'ENCRYPT_DECRYPT', KeySpec: 'SYMMETRIC_DEFAULT', CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      Origin: 'AWS_KMS', KeyManager: 'CUSTOMER', MultiRegion: false, Description: 'test key',
    });
    expect(m.EncryptionAlgorithms).to.deep.equal(['SYMMETRIC_DEFAULT']);
    expect(JSON.parse(f.kms.getKeyPolicy(caller, keyId)).Statement[0].Principal.AWS).to.equal(`arn:aws:iam::${ACCOUNT}:root`);
  });

  it('addresses a key by id, key ARN, alias name and alias ARN', () => {
    f.kms.createAlias(caller, 'alias/app', keyId);
    for (const ref of [keyId, arn, 'alias/app', `arn:aws:kms:${REGION}:${ACCOUNT}:alias/app`]) {
      expect(f.kms.describeKey(caller, ref).KeyId, ref).to.equal(keyId);
    }
  });

  it('round-trips Encrypt/Decrypt with and without KeyId, and context order does not matter', () => {
    const { ciphertextBlob } = f.kms.encrypt(caller, keyId, PT, { a: '1', b: '2' });
    expect(f.kms.decrypt(caller, ciphertextBlob, { b: '2', a: '1' }).plaintext).to.deep.equal(PT);
    expect(f.kms.decrypt(caller, ciphertextBlob, { a: '1', b: '2' }, arn).keyArn).to.equal(arn);
  });

  describe('errors', () => {
    const cases: Array<{ name: string; run: (f: Fixture, keyId: string) => unknown; code: string; message?: RegExp }> = [
      { name: 'context_mismatch', code: 'InvalidCiphertextException',
        run: (f, id) => f.kms.decrypt(caller, f.kms.encrypt(caller, id, PT, { a: '1' }).ciphertextBlob, { a: '2' }) },
      { name: 'context_missing', code: 'InvalidCiphertextException',
        run: (f, id) => f.kms.decrypt(caller, f.kms.encrypt(caller, id, PT, { a: '1' }).ciphertextBlob) },
      { name: 'tampered_ciphertext', code: 'InvalidCiphertextException', run: (f, id) => {
        const b = f.kms.encrypt(caller, id, PT).ciphertextBlob;
        b[b.length - 1] ^= 1;
        return f.kms.decrypt(caller, b);
      } },
      { name: 'garbage_blob', code: 'InvalidCiphertextException', run: (f) => f.kms.decrypt(caller, Buffer.from('nope')) },
      { name: 'incorrect_key', code: 'IncorrectKeyException', message: /does not identify a CMK/, run: (f, id) => {
        const other = f.kms.createKey(caller).KeyId;
        return f.kms.decrypt(caller, f.kms.encrypt(caller, id, PT).ciphertextBlob, {}, other);
      } },
      { name: 'disabled_encrypt', code: 'DisabledException', message: / is disabled\.$/, run: (f, id) => {
        f.kms.disableKey(caller, id);
        return f.kms.encrypt(caller, id, PT);
      } },
      { name: 'disabled_decrypt', code: 'DisabledException', run: (f, id) => {
        const b = f.kms.encrypt(caller, id, PT).ciphertextBlob;
        f.kms.disableKey(caller, id);
        return f.kms.decrypt(caller, b);
      } },
      { name: 'pending_deletion', code: 'KMSInvalidStateException', message: / is pending deletion\.$/, run: (f, id) => {
        f.kms.scheduleKeyDeletion(caller, id, 7);
        return f.kms.generateDataKey(caller, { keyId: id, keySpec: 'AES_256', context: {} });
      } },
      { name: 'unknown_uuid', code: 'NotFoundException', message: /^Key 'arn:aws:kms:.*' does not exist$/,
        run: (f) => f.kms.describeKey(caller, '11111111-2222-4333-8444-555555555555') },
      { name: 'malformed_id', code: 'NotFoundException', message: /^Invalid keyId 'fake-key-id'$/, run: (f) => f.kms.describeKey(caller, 'fake-key-id') },
      { name: 'unknown_alias', code: 'NotFoundException', message: /^Alias arn:aws:kms:us-east-1:123456789012:alias\/nope is not found\.$/,
        run: (f) => f.kms.encrypt(caller, 'alias/nope', PT) },
      { name: 'other_account_by_id', code: 'NotFoundException', run: (f, id) => f.kms.describeKey(otherCaller, id) },
      { name: 'other_account_by_arn', code: 'AccessDeniedException', run: (f, id) => f.kms.describeKey(otherCaller, f.kms.describeKey(caller, id).Arn) },
      { name: 'window_too_short', code: 'ValidationException', run: (f, id) => f.kms.scheduleKeyDeletion(caller, id, 6) },
      { name: 'window_too_long', code: 'ValidationException', run: (f, id) => f.kms.scheduleKeyDeletion(caller, id, 31) },
      { name: 'cancel_not_pending', code: 'KMSInvalidStateException', message: /is not pending deletion/, run: (f, id) => f.kms.cancelKeyDeletion(caller, id) },
      { name: 'alias_without_prefix', code: 'ValidationException', message: /must start with the prefix "alias\/"/, run: (f, id) => f.kms.createAlias(caller, 'app', id) },
      { name: 'alias_reserved', code: 'NotAuthorizedException', run: (f, id) => f.kms.createAlias(caller, 'alias/aws/mine', id) },
      { name: 'alias_with_colon', code: 'InvalidAliasNameException', run: (f, id) => f.kms.createAlias(caller, 'alias/a:b', id) },
      { name: 'alias_exists', code: 'AlreadyExistsException', message: /alias\/dup already exists$/, run: (f, id) => {
        f.kms.createAlias(caller, 'alias/dup', id);
        return f.kms.createAlias(caller, 'alias/dup', id);
      } },
      { name: 'alias_to_alias', code: 'ValidationException', run: (f, id) => {
        f.kms.createAlias(caller, 'alias/one', id);
        return f.kms.createAlias(caller, 'alias/two', 'alias/one');
      } },
      { name: 'rsa_algorithm', code: 'InvalidKeyUsageException', run: () => checkAlgorithm('RSAES_OAEP_SHA_256') },
      { name: 'plaintext_too_large', code: 'ValidationException', run: (f, id) => f.kms.encrypt(caller, id, Buffer.alloc(4097)) },
      { name: 'both_spec_and_bytes', code: 'ValidationException', run: (f, id) => f.kms.generateDataKey(caller, { keyId: id, keySpec: 'AES_256', numberOfBytes: 32, context: {} }) },
      { name: 'random_too_many', code: 'ValidationException', run: (f) => f.kms.generateRandom(1025) },
      { name: 'reserved_tag', code: 'TagException', run: (f, id) => f.kms.tagResource(caller, id, [{ TagKey: 'aws:x', TagValue: 'y' }]) },
      { name: 'other_policy_name', code: 'NotFoundException', run: (f, id) => f.kms.getKeyPolicy(caller, id, 'custom') },
      { name: 'disable_aws_managed', code: 'AccessDeniedException', run: (f) => f.kms.disableKey(caller, 'alias/aws/s3') },
    ];
    for (const c of cases) {
      it(c.name, () => {
        expect(codeOf(() => c.run(f, keyId))).to.equal(c.code);
        if (c.message) expect(messageOf(() => c.run(makeKmsWithKey(), firstKey))).to.match(c.message);
      });
    }
    // Message checks run on a fresh fixture so stateful cases do not see each other's effects.
    let firstKey = '';
    function makeKmsWithKey(): Fixture {
      const g = makeKms();
      firstKey = g.kms.createKey(caller).KeyId;
      return g;
    }
  });

  it('ScheduleKeyDeletion follows the injected clock: usable never, gone after the window', () => {
    const m = f.kms.scheduleKeyDeletion(caller, keyId, 7);
    expect(m.KeyState).to.equal('PendingDeletion');
    expect(m.DeletionDate?.getTime()).to.equal(f.clock.ms + 7 * DAY);
    expect(f.kms.describeKey(caller, keyId).PendingDeletionWindowInDays).to.equal(7);
    f.clock.advanceDays(6.9);
    expect(f.kms.describeKey(caller, keyId).KeyState).to.equal('PendingDeletion');
    f.clock.advanceDays(0.2);
    expect(codeOf(() => f.kms.describeKey(caller, keyId))).to.equal('NotFoundException');
    expect(f.kms.listKeys(caller).keys.map((k) => k.KeyId)).to.not.include(keyId);
  });

  it('CancelKeyDeletion leaves the key Disabled, as AWS does', () => {
    f.kms.scheduleKeyDeletion(caller, keyId);
    expect(f.kms.cancelKeyDeletion(caller, keyId).KeyState).to.equal('Disabled');
    f.kms.enableKey(caller, keyId);
    expect(f.kms.describeKey(caller, keyId).Enabled).to.equal(true);
  });

  it('rotation keeps every older ciphertext decryptable (on demand and automatic)', () => {
    const before = f.kms.encrypt(caller, keyId, PT).ciphertextBlob;
    f.kms.rotateKeyOnDemand(caller, keyId);
    const middle = f.kms.encrypt(caller, keyId, PT).ciphertextBlob;
    f.kms.enableKeyRotation(caller, keyId, 90);
    f.clock.advanceDays(181);
    const after = f.kms.encrypt(caller, keyId, PT).ciphertextBlob;
    for (const b of [before, middle, after]) expect(f.kms.decrypt(caller, b).plaintext).to.deep.equal(PT);
    const rotations = f.kms.listKeyRotations(caller, keyId).rotations.map((r) => r.RotationType);
    expect(rotations).to.deep.equal(['ON_DEMAND', 'AUTOMATIC', 'AUTOMATIC']);
    expect(before.equals(after)).to.equal(false);
    const status = f.kms.getKeyRotationStatus(caller, keyId);
    expect(status.enabled).to.equal(true);
    expect(status.periodDays).to.equal(90);
  });

  it('aliases: update, list (with AWS managed alias/aws/s3 created on first use), delete', () => {
    const k2 = f.kms.createKey(caller).KeyId;
    f.kms.createAlias(caller, 'alias/app', keyId);
    f.kms.updateAlias(caller, 'alias/app', k2);
    expect(f.kms.describeKey(caller, 'alias/app').KeyId).to.equal(k2);
    const managed = f.kms.describeKey(caller, 'alias/aws/s3');
    expect(managed.KeyManager).to.equal('AWS');
    expect(f.kms.describeKey(caller, 'alias/aws/s3').KeyId).to.equal(managed.KeyId);
    const names = f.kms.listAliases(caller).aliases.map((a) => a.AliasName);
    expect(names).to.deep.equal(['alias/app', 'alias/aws/s3']);
    expect(f.kms.listAliases(caller, { keyId: k2 }).aliases.map((a) => a.AliasName)).to.deep.equal(['alias/app']);
    f.kms.deleteAlias(caller, 'alias/app');
    expect(codeOf(() => f.kms.describeKey(caller, 'alias/app'))).to.equal('NotFoundException');
  });

  it('ReEncrypt, GenerateDataKey (spec and bytes), WithoutPlaintext, GenerateRandom', () => {
    const k2 = f.kms.createKey(caller).KeyId;
    const b = f.kms.encrypt(caller, keyId, PT, { x: 'y' }).ciphertextBlob;
    const re = f.kms.reEncrypt(caller, { ciphertextBlob: b, sourceContext: { x: 'y' }, destinationKeyId: k2, destinationContext: {} });
    expect(re.sourceKeyArn).to.equal(arn);
    expect(f.kms.decrypt(caller, re.ciphertextBlob, {}, k2).plaintext).to.deep.equal(PT);
    const dk = f.kms.generateDataKey(caller, { keyId, keySpec: 'AES_128', context: { c: 'd' } });
    expect(dk.plaintext.length).to.equal(16);
    expect(f.kms.decrypt(caller, dk.ciphertextBlob, { c: 'd' }).plaintext).to.deep.equal(dk.plaintext);
    expect(f.kms.generateDataKey(caller, { keyId, numberOfBytes: 64, context: {} }).plaintext.length).to.equal(64);
    const np = f.kms.generateDataKeyWithoutPlaintext(caller, { keyId, keySpec: 'AES_256', context: {} });
    expect(f.kms.decrypt(caller, np.ciphertextBlob).plaintext.length).to.equal(32);
    expect(f.kms.generateRandom(17).length).to.equal(17);
  });

  it('tags and policies are stored', () => {
    f.kms.tagResource(caller, keyId, [{ TagKey: 'team', TagValue: 'a' }, { TagKey: 'env', TagValue: 'dev' }]);
    f.kms.tagResource(caller, keyId, [{ TagKey: 'team', TagValue: 'b' }]);
    f.kms.untagResource(caller, keyId, ['env']);
    expect(f.kms.listResourceTags(caller, keyId)).to.deep.equal([{ TagKey: 'team', TagValue: 'b' }]);
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [] });
    f.kms.putKeyPolicy(caller, keyId, policy);
    expect(f.kms.getKeyPolicy(caller, keyId)).to.equal(policy);
    expect(codeOf(() => f.kms.putKeyPolicy(caller, keyId, '{not json'))).to.equal('MalformedPolicyDocumentException');
  });
});
