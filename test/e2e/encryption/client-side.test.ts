// Client-side encryption through the emulator: the AWS Encryption SDK with a KMS keyring whose
// KMS client points at the emulator; the ciphertext travels through S3 as opaque bytes.
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { buildClient, CommitmentPolicy, KmsKeyringNode } from '@aws-crypto/client-node';
import { CreateKeyCommand, KMS } from '@aws-sdk/client-kms';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { bytes, createBucket, REGION, useEnc, type EncHarness } from './support';

describe('encryption e2e: client-side encryption (AWS Encryption SDK) through the emulator', () => {
  let h: EncHarness;
  useEnc((e) => { h = e; }, { tlsPort: false });

  it('Encrypt_put_get_decrypt_byte_for_byte', async () => {
    const kmsClients: KMS[] = [];
    const keyArn = (await h.kms().send(new CreateKeyCommand({ Description: 'cse' }))).KeyMetadata!.Arn!;
    const clientProvider = () => {
      const c = new KMS({ endpoint: h.emu.endpoint, region: REGION, credentials: h.emu.credentials, maxAttempts: 1 });
      kmsClients.push(c);
      return c;
    };
    const keyring = new KmsKeyringNode({ generatorKeyId: keyArn, clientProvider });
    const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
    try {
      const plain = randomBytes(200_000);
      const context = { purpose: 'e2e', bucket: 'cse' };
      const { result } = await encrypt(keyring, plain, { encryptionContext: context });
      expect(Buffer.from(result).includes(plain.subarray(0, 64)), 'ciphertext does not contain the plaintext').to.equal(false);

      const s3 = h.s3();
      const b = await createBucket(s3);
      await s3.send(new PutObjectCommand({ Bucket: b, Key: 'cse.bin', Body: Buffer.from(result) }));
      const stored = await bytes((await s3.send(new GetObjectCommand({ Bucket: b, Key: 'cse.bin' }))).Body);
      expect(stored.equals(Buffer.from(result)), 'S3 returns the ciphertext unchanged').to.equal(true);

      const { plaintext, messageHeader } = await decrypt(keyring, stored);
      expect(Buffer.from(plaintext).equals(plain), 'decrypted byte for byte').to.equal(true);
      expect(messageHeader.encryptionContext).to.include(context);
      expect(messageHeader.encryptedDataKeys[0].providerInfo).to.equal(keyArn);

      // A keyring on another key cannot open it.
      const otherArn = (await h.kms().send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
      const other = new KmsKeyringNode({ generatorKeyId: otherArn, clientProvider });
      let refused = false;
      try { await decrypt(other, stored); } catch { refused = true; }
      expect(refused, 'another key cannot decrypt').to.equal(true);
    } finally {
      for (const c of kmsClients) c.destroy();
    }
  });
});
