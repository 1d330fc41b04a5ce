// The KMS JSON API through @aws-sdk/client-kms, on the emulator's shared endpoint.
import { expect } from 'chai';
import {
  CancelKeyDeletionCommand, CreateAliasCommand, CreateKeyCommand, DecryptCommand, DeleteAliasCommand, DescribeKeyCommand,
  DisableKeyCommand, DisableKeyRotationCommand, EnableKeyCommand, EnableKeyRotationCommand, EncryptCommand,
  GenerateDataKeyCommand, GenerateDataKeyWithoutPlaintextCommand, GenerateRandomCommand, GetKeyPolicyCommand,
  GetKeyRotationStatusCommand, ListAliasesCommand, ListKeyPoliciesCommand, ListKeysCommand, ListResourceTagsCommand,
  PutKeyPolicyCommand, ReEncryptCommand, RotateKeyOnDemandCommand, ScheduleKeyDeletionCommand, TagResourceCommand,
  UntagResourceCommand, UpdateAliasCommand, ListKeyRotationsCommand, type KMSClient,
} from '@aws-sdk/client-kms';
import { aliasArn, failure, keyArn, useEnc, type EncHarness } from '../encryption/support';

const DAY = 86_400;

describe('kms e2e: KMS API', () => {
  let h: EncHarness;
  let kms: KMSClient;
  useEnc((e) => { h = e; kms = h.kms(); }, { tlsPort: false });

  async function newKey(description = 'test key'): Promise<string> {
    const r = await kms.send(new CreateKeyCommand({ Description: description }));
    return r.KeyMetadata!.KeyId!;
  }

  it('CreateKey_DescribeKey_ListKeys', async () => {
    const created = await kms.send(new CreateKeyCommand({ Description: 'first' }));
    const md = created.KeyMetadata!;
    expect(md.KeyId).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(md.Arn).to.equal(keyArn(md.KeyId!));
    expect(md.AWSAccountId).to.equal('123456789012');
    expect(md.Enabled).to.equal(true);
    expect(md.KeyState).to.equal('Enabled');
    expect(md.KeyManager).to.equal('CUSTOMER');
    expect(md.KeySpec).to.equal('SYMMETRIC_DEFAULT');
    expect(md.KeyUsage).to.equal('ENCRYPT_DECRYPT');
    expect(md.Origin).to.equal('AWS_KMS');
    expect(md.Description).to.equal('first');
    expect(md.CreationDate).to.be.instanceOf(Date);

    const d = await kms.send(new DescribeKeyCommand({ KeyId: md.KeyId }));
    expect(d.KeyMetadata!.Arn).to.equal(md.Arn);
    const byArn = await kms.send(new DescribeKeyCommand({ KeyId: md.Arn }));
    expect(byArn.KeyMetadata!.KeyId).to.equal(md.KeyId);

    const list = await kms.send(new ListKeysCommand({}));
    expect(list.Keys!.map((k) => k.KeyId)).to.include(md.KeyId);
    expect(list.Keys!.find((k) => k.KeyId === md.KeyId)!.KeyArn).to.equal(md.Arn);

    const missing = await failure(kms.send(new DescribeKeyCommand({ KeyId: '00000000-0000-0000-0000-000000000000' })));
    expect(missing.code).to.equal('NotFoundException');
    expect(missing.status).to.equal(400);
  });

  it('Aliases_create_update_delete_list_and_address_key_four_ways', async () => {
    const a = await newKey('alias target a');
    const b = await newKey('alias target b');
    const alias = `alias/e2e-${Date.now()}`;
    await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: a }));

    for (const ref of [a, keyArn(a), alias, aliasArn(alias)]) {
      const d = await kms.send(new DescribeKeyCommand({ KeyId: ref }));
      expect(d.KeyMetadata!.KeyId, ref).to.equal(a);
      const enc = await kms.send(new EncryptCommand({ KeyId: ref, Plaintext: Buffer.from('x') }));
      expect(enc.KeyId, ref).to.equal(keyArn(a));
    }

    const listed = await kms.send(new ListAliasesCommand({ KeyId: a }));
    const entry = listed.Aliases!.find((x) => x.AliasName === alias);
    expect(entry, 'ListAliases(KeyId) shows the alias').to.not.equal(undefined);
    expect(entry!.TargetKeyId).to.equal(a);
    expect(entry!.AliasArn).to.equal(aliasArn(alias));

    const dup = await failure(kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: b })));
    expect(dup.code).to.equal('AlreadyExistsException');

    await kms.send(new UpdateAliasCommand({ AliasName: alias, TargetKeyId: b }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: alias }))).KeyMetadata!.KeyId).to.equal(b);
    const all = await kms.send(new ListAliasesCommand({}));
    expect(all.Aliases!.find((x) => x.AliasName === alias)!.TargetKeyId).to.equal(b);

    const badName = await failure(kms.send(new CreateAliasCommand({ AliasName: 'no-prefix', TargetKeyId: a })));
    expect(badName.code).to.equal('ValidationException');

    await kms.send(new DeleteAliasCommand({ AliasName: alias }));
    const gone = await failure(kms.send(new DescribeKeyCommand({ KeyId: alias })));
    expect(gone.code).to.equal('NotFoundException');
    const after = await kms.send(new ListAliasesCommand({}));
    expect(after.Aliases!.map((x) => x.AliasName)).to.not.include(alias);
  });

  it('DisableKey_refuses_crypto_with_DisabledException_until_EnableKey', async () => {
    const k = await newKey();
    const ct = (await kms.send(new EncryptCommand({ KeyId: k, Plaintext: Buffer.from('before') }))).CiphertextBlob!;
    await kms.send(new DisableKeyCommand({ KeyId: k }));
    const d = await kms.send(new DescribeKeyCommand({ KeyId: k }));
    expect(d.KeyMetadata!.KeyState).to.equal('Disabled');
    expect(d.KeyMetadata!.Enabled).to.equal(false);

    const enc = await failure(kms.send(new EncryptCommand({ KeyId: k, Plaintext: Buffer.from('x') })));
    expect(enc.code).to.equal('DisabledException');
    expect(enc.status).to.equal(400);
    expect(enc.message).to.equal(`${keyArn(k)} is disabled.`);
    const dec = await failure(kms.send(new DecryptCommand({ CiphertextBlob: ct })));
    expect(dec.code).to.equal('DisabledException');
    const gdk = await failure(kms.send(new GenerateDataKeyCommand({ KeyId: k, KeySpec: 'AES_256' })));
    expect(gdk.code).to.equal('DisabledException');

    await kms.send(new EnableKeyCommand({ KeyId: k }));
    const back = await kms.send(new DecryptCommand({ CiphertextBlob: ct }));
    expect(Buffer.from(back.Plaintext!).toString()).to.equal('before');
  });

  it('ScheduleKeyDeletion_window_pending_cancel_and_expiry_on_the_emulated_clock', async () => {
    const k = await newKey();
    for (const days of [6, 31]) {
      const bad = await failure(kms.send(new ScheduleKeyDeletionCommand({ KeyId: k, PendingWindowInDays: days })));
      expect(bad.code, `window ${days}`).to.equal('ValidationException');
      expect(bad.status).to.equal(400);
    }
    expect((await kms.send(new DescribeKeyCommand({ KeyId: k }))).KeyMetadata!.KeyState, 'a refused schedule changes nothing').to.equal('Enabled');

    const ct = (await kms.send(new EncryptCommand({ KeyId: k, Plaintext: Buffer.from('p') }))).CiphertextBlob!;
    const now = h.emu.clock.now().getTime();
    const s = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: k, PendingWindowInDays: 7 }));
    expect(s.KeyId).to.equal(keyArn(k));
    expect(s.KeyState).to.equal('PendingDeletion');
    expect(s.PendingWindowInDays).to.equal(7);
    expect(Math.abs(s.DeletionDate!.getTime() - (now + 7 * DAY * 1000))).to.be.lessThan(120_000);

    const d = await kms.send(new DescribeKeyCommand({ KeyId: k }));
    expect(d.KeyMetadata!.KeyState).to.equal('PendingDeletion');
    expect(d.KeyMetadata!.Enabled).to.equal(false);
    const enc = await failure(kms.send(new EncryptCommand({ KeyId: k, Plaintext: Buffer.from('x') })));
    expect(enc.code).to.equal('KMSInvalidStateException');
    expect(enc.message).to.equal(`${keyArn(k)} is pending deletion.`);
    const dec = await failure(kms.send(new DecryptCommand({ CiphertextBlob: ct })));
    expect(dec.code).to.equal('KMSInvalidStateException');

    // CancelKeyDeletion: the key comes back Disabled, as on AWS.
    const c = await kms.send(new CancelKeyDeletionCommand({ KeyId: k }));
    expect(c.KeyId).to.equal(keyArn(k));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: k }))).KeyMetadata!.KeyState).to.equal('Disabled');
    const notPending = await failure(kms.send(new CancelKeyDeletionCommand({ KeyId: k })));
    expect(notPending.code).to.equal('KMSInvalidStateException');

    // Schedule again and move the emulated clock past the window: the key is gone.
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: k, PendingWindowInDays: 7 }));
    h.emu.clock.advanceSeconds(6 * DAY);
    expect((await kms.send(new DescribeKeyCommand({ KeyId: k }))).KeyMetadata!.KeyState, 'still pending on day 6').to.equal('PendingDeletion');
    h.emu.clock.advanceSeconds(DAY + 3600);
    const gone = await failure(kms.send(new DescribeKeyCommand({ KeyId: k })));
    expect(gone.code).to.equal('NotFoundException');
    expect(gone.status).to.equal(400);
    const list = await kms.send(new ListKeysCommand({ Limit: 1000 }));
    expect(list.Keys!.map((x) => x.KeyId)).to.not.include(k);
    const decGone = await failure(kms.send(new DecryptCommand({ CiphertextBlob: ct })));
    expect(decGone.code).to.not.equal(undefined);
  });

  it('Rotation_enable_disable_status_and_RotateKeyOnDemand_keeps_old_ciphertext_decryptable', async () => {
    const k = await newKey();
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: k }))).KeyRotationEnabled).to.equal(false);
    await kms.send(new EnableKeyRotationCommand({ KeyId: k }));
    const on = await kms.send(new GetKeyRotationStatusCommand({ KeyId: k }));
    expect(on.KeyRotationEnabled).to.equal(true);
    expect(on.RotationPeriodInDays).to.equal(365);
    await kms.send(new DisableKeyRotationCommand({ KeyId: k }));
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: k }))).KeyRotationEnabled).to.equal(false);

    const old = (await kms.send(new EncryptCommand({ KeyId: k, Plaintext: Buffer.from('old-material'), EncryptionContext: { a: 'b' } }))).CiphertextBlob!;
    const r = await kms.send(new RotateKeyOnDemandCommand({ KeyId: k }));
    expect([k, keyArn(k)], 'RotateKeyOnDemand names the key').to.include(r.KeyId);
    const fresh = (await kms.send(new EncryptCommand({ KeyId: k, Plaintext: Buffer.from('new-material') }))).CiphertextBlob!;
    expect(Buffer.from((await kms.send(new DecryptCommand({ CiphertextBlob: old, EncryptionContext: { a: 'b' } }))).Plaintext!).toString()).to.equal('old-material');
    expect(Buffer.from((await kms.send(new DecryptCommand({ CiphertextBlob: fresh }))).Plaintext!).toString()).to.equal('new-material');
  });

  it('Automatic_rotation_happens_on_the_emulated_clock_and_old_ciphertext_still_decrypts', async () => {
    const k = await newKey();
    const old = (await kms.send(new EncryptCommand({ KeyId: k, Plaintext: Buffer.from('v1') }))).CiphertextBlob!;
    await kms.send(new EnableKeyRotationCommand({ KeyId: k, RotationPeriodInDays: 90 }));
    const st = await kms.send(new GetKeyRotationStatusCommand({ KeyId: k }));
    expect(st.RotationPeriodInDays).to.equal(90);
    expect(st.NextRotationDate).to.be.instanceOf(Date);
    expect((await kms.send(new ListKeyRotationsCommand({ KeyId: k }))).Rotations ?? []).to.have.length(0);
    h.emu.clock.advanceSeconds(91 * DAY);
    const rotations = (await kms.send(new ListKeyRotationsCommand({ KeyId: k }))).Rotations ?? [];
    expect(rotations.map((r) => r.RotationType)).to.include('AUTOMATIC');
    expect(Buffer.from((await kms.send(new DecryptCommand({ CiphertextBlob: old }))).Plaintext!).toString()).to.equal('v1');
    await kms.send(new RotateKeyOnDemandCommand({ KeyId: k }));
    const after = (await kms.send(new ListKeyRotationsCommand({ KeyId: k }))).Rotations ?? [];
    expect(after.map((r) => r.RotationType)).to.include('ON_DEMAND');
  });

  it('Rotation_and_deletion_state_errors', async () => {
    const k = await newKey();
    await kms.send(new DisableKeyCommand({ KeyId: k }));
    const rot = await failure(kms.send(new EnableKeyRotationCommand({ KeyId: k })));
    expect(rot.code).to.equal('DisabledException');
    const badPeriod = await failure(kms.send(new EnableKeyRotationCommand({ KeyId: await newKey(), RotationPeriodInDays: 30 })));
    expect(badPeriod.code).to.equal('ValidationException');

    const d = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: k }));
    expect(d.PendingWindowInDays, 'default window is 30 days').to.equal(30);
    const again = await failure(kms.send(new ScheduleKeyDeletionCommand({ KeyId: k, PendingWindowInDays: 7 })));
    expect(again.code).to.equal('KMSInvalidStateException');
    const enable = await failure(kms.send(new EnableKeyCommand({ KeyId: k })));
    expect(enable.code).to.equal('KMSInvalidStateException');
    const alias = await failure(kms.send(new CreateAliasCommand({ AliasName: `alias/pending-${Date.now()}`, TargetKeyId: k })));
    expect(alias.code).to.equal('KMSInvalidStateException');
    const gdk = await failure(kms.send(new GenerateDataKeyCommand({ KeyId: await newKey() })));
    expect(gdk.code, 'GenerateDataKey without KeySpec or NumberOfBytes').to.equal('ValidationException');
  });

  it('KeyPolicy_get_put_list', async () => {
    const k = await newKey();
    const got = await kms.send(new GetKeyPolicyCommand({ KeyId: k, PolicyName: 'default' }));
    const policy = JSON.parse(got.Policy!) as { Statement: Array<{ Effect: string; Principal: { AWS: string }; Action: string }> };
    expect(policy.Statement.some((s) => s.Effect === 'Allow' && s.Principal.AWS === 'arn:aws:iam::123456789012:root' && s.Action === 'kms:*'), 'default key policy').to.equal(true);

    const doc = {
      Version: '2012-10-17',
      Id: 'custom',
      Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*', Resource: '*' }],
    };
    await kms.send(new PutKeyPolicyCommand({ KeyId: k, PolicyName: 'default', Policy: JSON.stringify(doc) }));
    const back = await kms.send(new GetKeyPolicyCommand({ KeyId: k, PolicyName: 'default' }));
    expect(JSON.parse(back.Policy!)).to.deep.equal(doc);
    expect((await kms.send(new ListKeyPoliciesCommand({ KeyId: k }))).PolicyNames).to.deep.equal(['default']);
  });

  it('Tags_tag_untag_list', async () => {
    const k = await newKey();
    await kms.send(new TagResourceCommand({ KeyId: k, Tags: [{ TagKey: 'env', TagValue: 'dev' }, { TagKey: 'team', TagValue: 'sec' }] }));
    const t = await kms.send(new ListResourceTagsCommand({ KeyId: k }));
    expect(t.Tags!.map((x) => `${x.TagKey}=${x.TagValue}`).sort()).to.deep.equal(['env=dev', 'team=sec']);
    await kms.send(new UntagResourceCommand({ KeyId: k, TagKeys: ['env'] }));
    const t2 = await kms.send(new ListResourceTagsCommand({ KeyId: k }));
    expect(t2.Tags!.map((x) => x.TagKey)).to.deep.equal(['team']);
  });

  it('Encrypt_Decrypt_ReEncrypt_with_context', async () => {
    const a = await newKey();
    const b = await newKey();
    const plain = Buffer.from('kms round trip');
    const enc = await kms.send(new EncryptCommand({ KeyId: a, Plaintext: plain, EncryptionContext: { purpose: 'test' } }));
    expect(enc.KeyId).to.equal(keyArn(a));
    expect(Buffer.from(enc.CiphertextBlob!).includes(plain)).to.equal(false);
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { purpose: 'test' } }));
    expect(Buffer.from(dec.Plaintext!)).to.deep.equal(plain);
    expect(dec.KeyId).to.equal(keyArn(a));

    const re = await kms.send(new ReEncryptCommand({
      CiphertextBlob: enc.CiphertextBlob, SourceEncryptionContext: { purpose: 'test' },
      DestinationKeyId: b, DestinationEncryptionContext: { purpose: 'moved' },
    }));
    expect(re.SourceKeyId).to.equal(keyArn(a));
    expect(re.KeyId).to.equal(keyArn(b));
    const dec2 = await kms.send(new DecryptCommand({ CiphertextBlob: re.CiphertextBlob, EncryptionContext: { purpose: 'moved' } }));
    expect(Buffer.from(dec2.Plaintext!)).to.deep.equal(plain);
    expect(dec2.KeyId).to.equal(keyArn(b));
  });

  it('Wrong_context_and_tampering_give_InvalidCiphertextException_wrong_KeyId_gives_IncorrectKeyException', async () => {
    const a = await newKey();
    const b = await newKey();
    const ct = Buffer.from((await kms.send(new EncryptCommand({ KeyId: a, Plaintext: Buffer.from('s'), EncryptionContext: { k: 'v' } }))).CiphertextBlob!);

    const wrongCtx = await failure(kms.send(new DecryptCommand({ CiphertextBlob: ct, EncryptionContext: { k: 'other' } })));
    expect(wrongCtx.code).to.equal('InvalidCiphertextException');
    expect(wrongCtx.status).to.equal(400);
    const noCtx = await failure(kms.send(new DecryptCommand({ CiphertextBlob: ct })));
    expect(noCtx.code).to.equal('InvalidCiphertextException');

    const tampered = Buffer.from(ct);
    tampered[tampered.length - 5] ^= 0x01;
    const t = await failure(kms.send(new DecryptCommand({ CiphertextBlob: tampered, EncryptionContext: { k: 'v' } })));
    expect(t.code).to.equal('InvalidCiphertextException');

    const wrongKey = await failure(kms.send(new DecryptCommand({ CiphertextBlob: ct, EncryptionContext: { k: 'v' }, KeyId: b })));
    expect(wrongKey.code).to.equal('IncorrectKeyException');
    expect(wrongKey.status).to.equal(400);
    expect(wrongKey.message).to.equal('The key ID in the request does not identify a CMK that can perform this operation.');
  });

  it('GenerateDataKey_WithoutPlaintext_and_GenerateRandom', async () => {
    const k = await newKey();
    const g = await kms.send(new GenerateDataKeyCommand({ KeyId: k, KeySpec: 'AES_256', EncryptionContext: { c: '1' } }));
    expect(g.Plaintext!.length).to.equal(32);
    expect(g.KeyId).to.equal(keyArn(k));
    const d = await kms.send(new DecryptCommand({ CiphertextBlob: g.CiphertextBlob, EncryptionContext: { c: '1' } }));
    expect(Buffer.from(d.Plaintext!)).to.deep.equal(Buffer.from(g.Plaintext!));

    const g128 = await kms.send(new GenerateDataKeyCommand({ KeyId: k, KeySpec: 'AES_128' }));
    expect(g128.Plaintext!.length).to.equal(16);
    const n = await kms.send(new GenerateDataKeyCommand({ KeyId: k, NumberOfBytes: 64 }));
    expect(n.Plaintext!.length).to.equal(64);

    const w = await kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: k, KeySpec: 'AES_256' }));
    expect(w.KeyId).to.equal(keyArn(k));
    expect((w as { Plaintext?: unknown }).Plaintext).to.equal(undefined);
    const wd = await kms.send(new DecryptCommand({ CiphertextBlob: w.CiphertextBlob }));
    expect(wd.Plaintext!.length).to.equal(32);

    const r1 = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 32 }));
    const r2 = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 32 }));
    expect(r1.Plaintext!.length).to.equal(32);
    expect(Buffer.from(r1.Plaintext!)).to.not.deep.equal(Buffer.from(r2.Plaintext!));
  });
});
