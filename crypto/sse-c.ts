import { createHmac, timingSafeEqual } from 'node:crypto';
import { ObjectCryptoError } from './object-crypto-error';
import { deriveKey } from './seal';

/**
 * SSE-C: the customer key never touches disk. We keep a random salt and HMAC-SHA256(salt, key)
 * to recognise it, and derive from it the key that seals the object's data key.
 */
export interface SsecFingerprint {
  readonly salt: string;
  readonly hmac: string;
}

export function requireSsecKey(key: Buffer): void {
  if (key.length !== 32) throw new ObjectCryptoError('SsecKeyInvalid', 'The secret key was invalid for the specified algorithm.');
}

export function fingerprint(key: Buffer, random: (n: number) => Buffer): SsecFingerprint {
  requireSsecKey(key);
  const salt = random(16);
  return { salt: salt.toString('base64'), hmac: hmacOf(salt, key).toString('base64') };
}

export function matches(fp: SsecFingerprint, key: Buffer): boolean {
  if (key.length !== 32) return false;
  const expected = Buffer.from(fp.hmac, 'base64');
  const actual = hmacOf(Buffer.from(fp.salt, 'base64'), key);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function wrappingKey(fp: SsecFingerprint, key: Buffer): Buffer {
  return deriveKey(key, 's3emu sse-c wrap v1', Buffer.from(fp.salt, 'base64'));
}

function hmacOf(salt: Buffer, key: Buffer): Buffer {
  return createHmac('sha256', salt).update(key).digest();
}
