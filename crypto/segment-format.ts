import { createHash } from 'node:crypto';

/**
 * The frozen segmented AEAD format (version 1). Changing any constant needs a new version.
 * Plaintext is cut into SEGMENT_SIZE segments; each is AES-256-GCM sealed on its own with
 *   nonce = noncePrefix (8 random bytes per object layer) || segment index (u32be)
 *   aad   = [FORMAT_VERSION][final flag][segment index u32be] || SHA-256(context string)
 * so reordered, truncated, extended or relocated ciphertext fails authentication, and a range
 * read opens only the segments it covers. An empty plaintext is one empty final segment.
 */
export const FORMAT_VERSION = 1;
export const SEGMENT_SIZE = 64 * 1024;
export const TAG_SIZE = 16;
export const NONCE_PREFIX_SIZE = 8;

export interface SegmentContext {
  /** Names what the ciphertext belongs to (bucket, key, part, layer). */
  readonly context: string;
  readonly noncePrefix: Buffer;
}

export function segmentCount(plainLength: number): number {
  return plainLength === 0 ? 1 : Math.ceil(plainLength / SEGMENT_SIZE);
}

export function cipherLength(plainLength: number): number {
  return plainLength + segmentCount(plainLength) * TAG_SIZE;
}

export function contextDigest(context: string): Buffer {
  return createHash('sha256').update(context, 'utf8').digest();
}

export function segmentNonce(prefix: Buffer, index: number): Buffer {
  if (prefix.length !== NONCE_PREFIX_SIZE) throw new Error('nonce prefix must be 8 bytes');
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(index, NONCE_PREFIX_SIZE);
  return n;
}

export function segmentAad(digest: Buffer, index: number, final: boolean): Buffer {
  const a = Buffer.alloc(6 + digest.length);
  a[0] = FORMAT_VERSION;
  a[1] = final ? 1 : 0;
  a.writeUInt32BE(index, 2);
  digest.copy(a, 6);
  return a;
}
