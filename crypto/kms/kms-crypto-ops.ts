import { createCipheriv, createDecipheriv } from 'node:crypto';
import { blobHeader, BLOB_IV_LEN, parseBlob } from './ciphertext-blob';
import { canonicalContext, type EncryptionContext } from './encryption-context';
import { refreshKey, requireUsable, resolveKey } from './key-resolver';
import { INCORRECT_KEY_MESSAGE, KmsError, validationError } from './kms-error';
import type { KmsContext } from './kms-context';
import type { KmsCaller, StoredKey } from './types';

/** Encrypt, Decrypt, ReEncrypt, GenerateDataKey*: AES-256-GCM under the key's material. */

export interface EncryptResult {
  readonly ciphertextBlob: Buffer;
  readonly keyArn: string;
}

export interface DecryptResult {
  readonly plaintext: Buffer;
  readonly keyArn: string;
}

export interface DataKeyResult {
  readonly plaintext: Buffer;
  readonly ciphertextBlob: Buffer;
  readonly keyArn: string;
}

export function checkAlgorithm(alg: string | undefined): void {
  // Symmetric keys only support SYMMETRIC_DEFAULT; RSA algorithms are a key-usage mismatch on AWS.
  if (alg !== undefined && alg !== 'SYMMETRIC_DEFAULT') {
    throw new KmsError('InvalidKeyUsageException', `The encryption algorithm ${alg} is not supported by this key.`);
  }
}

function aad(header: Buffer, context: EncryptionContext): Buffer {
  return Buffer.concat([header, Buffer.from(canonicalContext(context), 'utf8')]);
}

/** Encrypt under the key's current material (the key is already resolved and authorized). */
export function sealWithKey(ctx: KmsContext, key: StoredKey, plaintext: Buffer, context: EncryptionContext): Buffer {
  requireUsable(key);
  const material = ctx.vault.current(key);
  const header = blobHeader(key.keyId, material.version);
  const keyBytes = ctx.vault.open(key, material.version);
  const iv = ctx.random(BLOB_IV_LEN);
  const cipher = createCipheriv('aes-256-gcm', keyBytes, iv);
  cipher.setAAD(aad(header, context));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  keyBytes.fill(0);
  return Buffer.concat([header, iv, cipher.getAuthTag(), ct]);
}

export function encrypt(ctx: KmsContext, caller: KmsCaller, keyRef: string, plaintext: Buffer, context: EncryptionContext): EncryptResult {
  if (plaintext.length < 1 || plaintext.length > 4096) {
    throw validationError('plaintext', '[SENSITIVE]', 'Member must have length less than or equal to 4096 and greater than or equal to 1');
  }
  const key = resolveKey(ctx, caller, keyRef, 'kms:Encrypt');
  return { ciphertextBlob: sealWithKey(ctx, key, plaintext, context), keyArn: key.arn };
}

export function decrypt(
  ctx: KmsContext, caller: KmsCaller, blob: Buffer, context: EncryptionContext, keyRef?: string, action = 'kms:Decrypt',
): DecryptResult {
  const parsed = parseBlob(blob);
  if (keyRef !== undefined) {
    const named = resolveKey(ctx, caller, keyRef, action);
    if (named.keyId !== parsed.keyId) throw new KmsError('IncorrectKeyException', INCORRECT_KEY_MESSAGE);
  }
  const stored = ctx.store.getKey(parsed.keyId);
  // A blob naming a key that no longer exists (or never did) is indistinguishable from garbage.
  const key = stored && stored.region === caller.region ? refreshKey(ctx, stored) : undefined;
  if (!key) throw new KmsError('InvalidCiphertextException');
  ctx.authorize({ caller, action, key });
  requireUsable(key);
  const keyBytes = ctx.vault.open(key, parsed.materialVersion);
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyBytes, parsed.iv);
    decipher.setAAD(aad(parsed.header, context));
    decipher.setAuthTag(parsed.tag);
    const plaintext = Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]);
    return { plaintext, keyArn: key.arn };
  } catch {
    throw new KmsError('InvalidCiphertextException');
  } finally {
    keyBytes.fill(0);
  }
}

export interface ReEncryptInput {
  readonly ciphertextBlob: Buffer;
  readonly sourceContext: EncryptionContext;
  readonly sourceKeyId?: string;
  readonly destinationKeyId: string;
  readonly destinationContext: EncryptionContext;
}

export function reEncrypt(ctx: KmsContext, caller: KmsCaller, input: ReEncryptInput): EncryptResult & { sourceKeyArn: string } {
  const src = decrypt(ctx, caller, input.ciphertextBlob, input.sourceContext, input.sourceKeyId, 'kms:ReEncryptFrom');
  const dest = resolveKey(ctx, caller, input.destinationKeyId, 'kms:ReEncryptTo');
  try {
    return { ciphertextBlob: sealWithKey(ctx, dest, src.plaintext, input.destinationContext), keyArn: dest.arn, sourceKeyArn: src.keyArn };
  } finally {
    src.plaintext.fill(0);
  }
}

export interface DataKeyInput {
  readonly keyId: string;
  readonly keySpec?: string;
  readonly numberOfBytes?: number;
  readonly context: EncryptionContext;
}

export function dataKeyLength(keySpec: string | undefined, numberOfBytes: number | undefined): number {
  if (keySpec !== undefined && numberOfBytes !== undefined) {
    throw new KmsError('ValidationException', 'Please specify either number of bytes or key spec.');
  }
  if (keySpec === 'AES_256') return 32;
  if (keySpec === 'AES_128') return 16;
  if (keySpec !== undefined) {
    throw validationError('keySpec', keySpec, 'Member must satisfy enum value set: [AES_256, AES_128]');
  }
  if (numberOfBytes === undefined) throw new KmsError('ValidationException', 'Please specify either number of bytes or key spec.');
  if (!Number.isInteger(numberOfBytes) || numberOfBytes < 1 || numberOfBytes > 1024) {
    throw validationError('numberOfBytes', String(numberOfBytes), 'Member must have value less than or equal to 1024 and greater than or equal to 1');
  }
  return numberOfBytes;
}

export function generateDataKey(ctx: KmsContext, caller: KmsCaller, input: DataKeyInput, action = 'kms:GenerateDataKey'): DataKeyResult {
  const len = dataKeyLength(input.keySpec, input.numberOfBytes);
  const key = resolveKey(ctx, caller, input.keyId, action);
  requireUsable(key);
  const plaintext = ctx.random(len);
  return { plaintext, ciphertextBlob: sealWithKey(ctx, key, plaintext, input.context), keyArn: key.arn };
}

export function generateRandom(ctx: KmsContext, numberOfBytes: number | undefined): Buffer {
  const n = numberOfBytes ?? 0;
  if (!Number.isInteger(n) || n < 1 || n > 1024) {
    throw validationError('numberOfBytes', String(numberOfBytes), 'Member must have value less than or equal to 1024 and greater than or equal to 1');
  }
  return ctx.random(n);
}
