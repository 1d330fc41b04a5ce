import type { BucketKeyCache } from './bucket-key-cache';
import type { LayerRecord, SealedKey, SseMode } from './encryption-record';
import { canonicalContext, type EncryptionContext } from './kms/encryption-context';
import type { KmsCore } from './kms/kms-core';
import type { KmsCaller } from './kms/types';
import { ObjectCryptoError } from './object-crypto-error';
import { deriveKey, seal, unseal, UnsealError } from './seal';
import { NONCE_PREFIX_SIZE } from './segment-format';
import { wrappingKey, type SsecFingerprint } from './sse-c';

/** Per-mode creation and opening of an object's (or part's) data keys. */

export interface KmsCallEvent {
  readonly operation: 'GenerateDataKey' | 'Decrypt';
  readonly keyArn: string;
  readonly context: EncryptionContext;
  readonly caller: KmsCaller;
}

export interface KeyDeps {
  readonly rootKey: Buffer;
  readonly kms: KmsCore;
  readonly random: (n: number) => Buffer;
  readonly bucketKeys: BucketKeyCache;
  /** Feeds the audit trail with the KMS calls S3 makes (invokedBy s3.amazonaws.com). */
  readonly onKmsCall?: (e: KmsCallEvent) => void;
}

/** Where a key belongs: sealed keys and segments are bound to this, so moved data fails. */
export interface KeyTarget {
  readonly mode: SseMode;
  readonly accountId: string;
  readonly bucket: string;
  readonly key: string;
  readonly partNumber: number;
}

export interface ModeSettings {
  readonly kmsKeyArn?: string;
  readonly bucketKeyEnabled?: boolean;
  readonly userContext?: EncryptionContext;
  readonly ssec?: SsecFingerprint;
}

export function layerContext(t: KeyTarget, layer: number): string {
  return JSON.stringify(['s3emu-object', 1, t.mode, t.bucket, t.key, t.partNumber, layer]);
}

/** The context S3 sends to KMS: the object ARN (or bucket ARN with a bucket key), merged over the caller's. */
export function kmsContextFor(t: KeyTarget, s: ModeSettings): EncryptionContext {
  const arn = s.bucketKeyEnabled ? `arn:aws:s3:::${t.bucket}` : `arn:aws:s3:::${t.bucket}/${t.key}`;
  return { ...(s.userContext ?? {}), 'aws:s3:arn': arn };
}

function accountS3Key(rootKey: Buffer, accountId: string): Buffer {
  return deriveKey(rootKey, `s3emu sse-s3 account-key v1|${accountId}`);
}

const BUCKET_WRAP_INFO = 's3emu bucket-key object wrap v1';

export function createLayers(d: KeyDeps, t: KeyTarget, s: ModeSettings, caller: KmsCaller, ssecKey?: Buffer): { keys: Buffer[]; layers: LayerRecord[] } {
  const count = t.mode === 'aws:kms:dsse' ? 2 : 1;
  const keys: Buffer[] = [];
  const layers: LayerRecord[] = [];
  for (let i = 0; i < count; i++) {
    const { key, sealedKey } = newKey(d, t, s, caller, i, ssecKey);
    keys.push(key);
    layers.push({ noncePrefix: d.random(NONCE_PREFIX_SIZE).toString('base64'), sealedKey });
  }
  return { keys, layers };
}

function newKey(d: KeyDeps, t: KeyTarget, s: ModeSettings, caller: KmsCaller, layer: number, ssecKey?: Buffer): { key: Buffer; sealedKey: SealedKey } {
  const aad = layerContext(t, layer);
  switch (t.mode) {
    case 'AES256': {
      const key = d.random(32);
      return { key, sealedKey: { kind: 'account', sealed: seal(accountS3Key(d.rootKey, t.accountId), key, aad, d.random).toString('base64') } };
    }
    case 'SSE-C': {
      if (!ssecKey || !s.ssec) throw new ObjectCryptoError('SsecKeyRequired');
      const key = d.random(32);
      return { key, sealedKey: { kind: 'customer', sealed: seal(wrappingKey(s.ssec, ssecKey), key, aad, d.random).toString('base64') } };
    }
    case 'aws:kms':
    case 'aws:kms:dsse': {
      const keyArn = requireArn(s);
      const context = kmsContextFor(t, s);
      if (s.bucketKeyEnabled && t.mode === 'aws:kms') {
        const bk = bucketKeyForWrite(d, caller, keyArn, context);
        const key = d.random(32);
        const sealed = seal(deriveKey(bk.plaintext, BUCKET_WRAP_INFO), key, aad, d.random);
        return { key, sealedKey: { kind: 'bucket-key', blob: bk.blob.toString('base64'), sealed: sealed.toString('base64') } };
      }
      const r = d.kms.generateDataKey(caller, { keyId: keyArn, keySpec: 'AES_256', context });
      d.onKmsCall?.({ operation: 'GenerateDataKey', keyArn: r.keyArn, context, caller });
      return { key: r.plaintext, sealedKey: { kind: 'kms', blob: r.ciphertextBlob.toString('base64') } };
    }
  }
}

function bucketKeyForWrite(d: KeyDeps, caller: KmsCaller, keyArn: string, context: EncryptionContext): { plaintext: Buffer; blob: Buffer } {
  d.kms.assertUsable(caller, keyArn, 'kms:GenerateDataKey');
  const scope = JSON.stringify([caller.accountId, keyArn, canonicalContext(context)]);
  const cached = d.bucketKeys.forWrite(scope);
  if (cached) return cached;
  const r = d.kms.generateDataKey(caller, { keyId: keyArn, keySpec: 'AES_256', context });
  d.onKmsCall?.({ operation: 'GenerateDataKey', keyArn: r.keyArn, context, caller });
  d.bucketKeys.remember(scope, r.plaintext, r.ciphertextBlob);
  return { plaintext: r.plaintext, blob: r.ciphertextBlob };
}

export function openLayers(d: KeyDeps, t: KeyTarget, s: ModeSettings, caller: KmsCaller, layers: readonly LayerRecord[], ssecKey?: Buffer): Buffer[] {
  return layers.map((l, i) => openKey(d, t, s, caller, l.sealedKey, i, ssecKey));
}

/**
 * Opened data keys, so a hot object's GET does not run AES-GCM to unseal the same key again.
 * Only keys sealed under a server-held wrapping key are kept (SSE-S3 account keys and S3
 * Bucket Keys' derived wraps; never SSE-C, never KMS, whose checks must run per request).
 * An entry is found only by the very wrapping-key Buffer, AAD and sealed bytes that opened
 * it, so a hit returns exactly what unseal would: a key moved to another object (other AAD)
 * or a different root key (other Buffer) misses and is unsealed, and fails, as before.
 * Bounded (least recently used out first); plaintext keys live only here, never logged.
 */
const OPENED_CAPACITY = 4096;
const opened = new Map<string, Buffer>();
const wrapIds = new WeakMap<Buffer, number>();
let nextWrapId = 1;

function wrapIdOf(wrap: Buffer): number {
  let id = wrapIds.get(wrap);
  if (id === undefined) {
    id = nextWrapId++;
    wrapIds.set(wrap, id);
  }
  return id;
}

function unsealChecked(wrap: Buffer, sealed: string, aad: string): Buffer {
  try {
    return unseal(wrap, Buffer.from(sealed, 'base64'), aad);
  } catch (e) {
    if (e instanceof UnsealError) throw new ObjectCryptoError('IntegrityError', 'sealed data key does not belong to this object');
    throw e;
  }
}

/** `id` names the wrapping key (by Buffer identity), the AAD and the sealed bytes. */
function remembered(id: string, open: () => Buffer): Buffer {
  const hit = opened.get(id);
  if (hit !== undefined) {
    opened.delete(id);
    opened.set(id, hit);
    return hit;
  }
  const key = open();
  opened.set(id, key);
  if (opened.size > OPENED_CAPACITY) {
    const oldest = opened.keys().next();
    if (oldest.done !== true) opened.delete(oldest.value);
  }
  return key;
}

/** Drops every opened data key (e.g. with ObjectCrypto's other caches on a reset). */
export function forgetOpenedKeys(): void {
  opened.clear();
}

/** For tests: how many opened data keys are held. */
export function openedKeyCacheSize(): number {
  return opened.size;
}

function openKey(d: KeyDeps, t: KeyTarget, s: ModeSettings, caller: KmsCaller, sk: SealedKey, layer: number, ssecKey?: Buffer): Buffer {
  const aad = layerContext(t, layer);
  const open = (wrap: Buffer, sealed: string): Buffer => unsealChecked(wrap, sealed, aad);
  switch (sk.kind) {
    case 'account':
      // The account key is derived from the root key and the account id: both are in the id.
      return remembered(`a${wrapIdOf(d.rootKey)}\n${t.accountId}\n${aad}\n${sk.sealed}`, () => open(accountS3Key(d.rootKey, t.accountId), sk.sealed));
    case 'customer':
      if (!ssecKey || !s.ssec) throw new ObjectCryptoError('SsecKeyRequired');
      return open(wrappingKey(s.ssec, ssecKey), sk.sealed);
    case 'kms': {
      const context = kmsContextFor(t, s);
      const r = d.kms.decrypt(caller, Buffer.from(sk.blob, 'base64'), context, requireArn(s));
      d.onKmsCall?.({ operation: 'Decrypt', keyArn: r.keyArn, context, caller });
      return r.plaintext;
    }
    case 'bucket-key': {
      const blob = Buffer.from(sk.blob, 'base64');
      const keyArn = requireArn(s);
      let bk = d.bucketKeys.forRead(blob);
      if (bk) d.kms.assertUsable(caller, keyArn, 'kms:Decrypt');
      else {
        const context = kmsContextFor(t, s);
        const r = d.kms.decrypt(caller, blob, context, keyArn);
        d.onKmsCall?.({ operation: 'Decrypt', keyArn: r.keyArn, context, caller });
        d.bucketKeys.remember(undefined, r.plaintext, blob);
        bk = r.plaintext;
      }
      const wrap = deriveKey(bk, BUCKET_WRAP_INFO);
      return remembered(`b${wrapIdOf(wrap)}\n${aad}\n${sk.sealed}`, () => open(wrap, sk.sealed));
    }
  }
}

function requireArn(s: ModeSettings): string {
  if (!s.kmsKeyArn) throw new ObjectCryptoError('InvalidRecord', 'KMS mode without a key ARN');
  return s.kmsKeyArn;
}
