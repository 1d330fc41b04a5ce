import { hmac, sha256Base64 } from './hash';

/**
 * kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
 * Four HMACs per request would dominate verification time, and the key only changes daily,
 * so derived keys are kept in a small LRU. The cache key is a hash, so no secret is held
 * as a map key (a heap dump of the map shows digests only).
 */
const CAPACITY = 512;
const cache = new Map<string, Buffer>();

export function deriveSigningKey(secret: string, date: string, region: string, service: string): Buffer {
  const id = sha256Base64(secret + '\0' + date + '\0' + region + '\0' + service);
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

/**
 * The same key for a credential the caller holds: found by the credential object itself, so
 * the common case needs neither the four HMACs nor the digest that names a cache entry.
 * Entries go with the credential (a WeakMap); each credential keeps its few live scopes.
 */
const byCredential = new WeakMap<object, Map<string, Buffer>>();
const SCOPES_PER_CREDENTIAL = 8;

export function signingKeyFor(cred: { readonly secretAccessKey: string }, date: string, region: string, service: string): Buffer {
  let scopes = byCredential.get(cred);
  const scope = date + '\0' + region + '\0' + service;
  const hit = scopes?.get(scope);
  if (hit !== undefined) return hit;
  const key = deriveSigningKey(cred.secretAccessKey, date, region, service);
  if (scopes === undefined) {
    scopes = new Map();
    byCredential.set(cred, scopes);
  } else if (scopes.size >= SCOPES_PER_CREDENTIAL) {
    scopes.clear();
  }
  scopes.set(scope, key);
  return key;
}

/** For tests: how many derived keys are cached. */
export function signingKeyCacheSize(): number {
  return cache.size;
}
