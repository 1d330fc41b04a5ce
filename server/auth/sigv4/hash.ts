import * as nodeCrypto from 'node:crypto';
import { createHash, createHmac } from 'node:crypto';

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** crypto.hash (Node >= 20.12): one call, no Hash object; createHash on older runtimes. */
type OneShotHash = (algorithm: string, data: string | Uint8Array, encoding: 'hex' | 'base64') => string;
const oneShot = (nodeCrypto as unknown as { hash?: OneShotHash }).hash;

export function sha256Hex(data: string | Uint8Array): string {
  if (oneShot !== undefined) return oneShot('sha256', data, 'hex');
  return createHash('sha256').update(data).digest('hex');
}

export function sha256Base64(data: string): string {
  if (oneShot !== undefined) return oneShot('sha256', data, 'base64');
  return createHash('sha256').update(data).digest('base64');
}

export function hmac(key: string | Uint8Array, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}
