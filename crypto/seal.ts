import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';

/**
 * Small AES-256-GCM sealing of keys (data keys, KMS key material). Layout:
 * [version 0x01][iv 12][tag 16][ciphertext]. The AAD says what the sealed key belongs to,
 * so a sealed key copied to another object, key or account does not open.
 */
const SEAL_VERSION = 1;
const IV_LEN = 12;
const TAG_LEN = 16;

export class UnsealError extends Error {
  constructor() {
    super('sealed key could not be opened');
    this.name = 'UnsealError';
  }
}

export function seal(key: Buffer, plaintext: Buffer, aad: string, random: (n: number) => Buffer): Buffer {
  const iv = random(IV_LEN);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([SEAL_VERSION]), iv, cipher.getAuthTag(), ct]);
}

export function unseal(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < 1 + IV_LEN + TAG_LEN || sealed[0] !== SEAL_VERSION) throw new UnsealError();
  const iv = sealed.subarray(1, 1 + IV_LEN);
  const tag = sealed.subarray(1 + IV_LEN, 1 + IV_LEN + TAG_LEN);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed.subarray(1 + IV_LEN + TAG_LEN)), decipher.final()]);
  } catch {
    throw new UnsealError();
  }
}

/** HKDF-SHA256 sub-key: one root secret, independent keys per purpose (info names the purpose). */
export function deriveKey(secret: Buffer, info: string, salt: Buffer = Buffer.alloc(0)): Buffer {
  // Every SSE-S3 read and write derives its account key; HKDF costs more than the lookup.
  const id = `${secret.toString('base64')}|${salt.toString('base64')}|${info}`;
  const cached = derived.get(id);
  if (cached) return cached;
  const key = Buffer.from(hkdfSync('sha256', secret, salt, Buffer.from(info, 'utf8'), 32));
  if (derived.size >= DERIVED_CACHE_SIZE) derived.clear();
  derived.set(id, key);
  return key;
}

const DERIVED_CACHE_SIZE = 1024;
const derived = new Map<string, Buffer>();
