import { createHash } from 'node:crypto';
import { hmac } from './hash';

/**
 * kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
 * Four HMACs per request would dominate verification time, and the key only changes daily,
 * so derived keys are kept in a small LRU. The cache key is a hash, so no secret is held
 * as a map key (a heap dump of the map shows digests only).
 */
const CAPACITY = 512;
const cache = new Map<string, Buffer>();

export function deriveSigningKey(secret: string, date: string, region: string, service: string): Buffer {
  const id = createHash('sha256').update(secret + '\0' + date + '\0' + region + '\0' + service).digest('base64');
  const hit = cache.get(id);
  if (hit !== undefined) {
    // Re-insert to mark it most recently used (Map keeps insertion order).
    cache.delete(id);
    cache.set(id, hit);
    return hit;
  }
  const key = hmac(hmac(hmac(hmac('AWS4' + secret, date), region), service), 'aws4_request');
  cache.set(id, key);
  if (cache.size > CAPACITY) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  return key;
}

/** For tests: how many derived keys are cached. */
export function signingKeyCacheSize(): number {
  return cache.size;
}
