import { ObjectCryptoError } from './object-crypto-error';
import { FORMAT_VERSION, SEGMENT_SIZE } from './segment-format';

/**
 * The JSON the S3 side stores opaquely in ObjectVersion.encryption (and in parts/uploads).
 * Buffers are base64. A single-part object is one part with partNumber 0.
 */
export type SseMode = 'AES256' | 'aws:kms' | 'aws:kms:dsse' | 'SSE-C';

export type SealedKey =
  /** SSE-S3: data key sealed under the account's S3 key (HKDF of the root key). */
  | { readonly kind: 'account'; readonly sealed: string }
  /** SSE-KMS / DSSE-KMS: the data key as the KMS ciphertext blob. */
  | { readonly kind: 'kms'; readonly blob: string }
  /** SSE-KMS with a bucket key: the bucket key's KMS blob, and the data key sealed under it. */
  | { readonly kind: 'bucket-key'; readonly blob: string; readonly sealed: string }
  /** SSE-C: data key sealed under a key derived from the customer key and the record's salt. */
  | { readonly kind: 'customer'; readonly sealed: string };

export interface LayerRecord {
  readonly noncePrefix: string;
  readonly sealedKey: SealedKey;
}

export interface PartRecord {
  readonly partNumber: number;
  readonly plainLength: number;
  readonly cipherLength: number;
  readonly plainOffset: number;
  readonly cipherOffset: number;
  /** Innermost first; DSSE-KMS has two. */
  readonly layers: readonly LayerRecord[];
}

export interface EncryptionRecord {
  readonly v: 1;
  readonly formatVersion: number;
  readonly segmentSize: number;
  readonly mode: SseMode;
  /** The account whose S3 key seals SSE-S3 data keys (the writer's). */
  readonly accountId: string;
  readonly kmsKeyArn?: string;
  readonly bucketKeyEnabled?: boolean;
  /** The full KMS encryption context used (aws:s3:arn included). */
  readonly kmsContext?: Readonly<Record<string, string>>;
  /** The caller's own context, for the x-amz-server-side-encryption-context response header. */
  readonly userContext?: Readonly<Record<string, string>>;
  /** SSE-C: how to recognise the key without storing it. */
  readonly ssec?: { readonly salt: string; readonly hmac: string };
  readonly plainLength: number;
  readonly cipherLength: number;
  readonly parts: readonly PartRecord[];
}

/** Settings fixed at CreateMultipartUpload, stored in MultipartUpload.encryption. */
export interface UploadEncryption {
  readonly v: 1;
  readonly mode: SseMode;
  readonly accountId: string;
  readonly kmsKeyArn?: string;
  readonly bucketKeyEnabled?: boolean;
  readonly userContext?: Readonly<Record<string, string>>;
  readonly ssec?: { readonly salt: string; readonly hmac: string };
}

const MODES: readonly string[] = ['AES256', 'aws:kms', 'aws:kms:dsse', 'SSE-C'];

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Narrows a stored record. Checks the structure the reader relies on; the cryptography
 * checks the rest (any edited length, nonce or key fails authentication).
 */
export function parseEncryptionRecord(x: unknown): EncryptionRecord {
  // A GET checks the same parsed record more than once (describe, then open): once suffices.
  if (typeof x === 'object' && x !== null && checkedRecords.has(x)) return x as EncryptionRecord;
  const bad = (why: string) => new ObjectCryptoError('InvalidRecord', `encryption record: ${why}`);
  if (!isObj(x) || x.v !== 1) throw bad('not a v1 record');
  if (x.formatVersion !== FORMAT_VERSION || x.segmentSize !== SEGMENT_SIZE) throw bad('unsupported segment format');
  if (typeof x.mode !== 'string' || !MODES.includes(x.mode)) throw bad('mode');
  if (typeof x.accountId !== 'string' || typeof x.plainLength !== 'number' || typeof x.cipherLength !== 'number') throw bad('fields');
  if (!Array.isArray(x.parts) || x.parts.length === 0) throw bad('parts');
  for (const p of x.parts as unknown[]) {
    if (!isObj(p) || !Array.isArray(p.layers) || p.layers.length === 0) throw bad('part');
    for (const n of ['partNumber', 'plainLength', 'cipherLength', 'plainOffset', 'cipherOffset']) {
      if (typeof p[n] !== 'number') throw bad(`part ${n}`);
    }
    for (const l of p.layers as unknown[]) {
      if (!isObj(l) || typeof l.noncePrefix !== 'string' || !isObj(l.sealedKey) || typeof l.sealedKey.kind !== 'string') throw bad('layer');
    }
  }
  checkedRecords.add(x);
  return x as unknown as EncryptionRecord;
}

/** Records that passed parseEncryptionRecord (stored records are read-only once parsed). */
const checkedRecords = new WeakSet<object>();

export function parseUploadEncryption(x: unknown): UploadEncryption {
  if (!isObj(x) || x.v !== 1 || typeof x.mode !== 'string' || !MODES.includes(x.mode) || typeof x.accountId !== 'string') {
    throw new ObjectCryptoError('InvalidRecord', 'upload encryption record');
  }
  return x as unknown as UploadEncryption;
}
