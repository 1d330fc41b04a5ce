import type { Readable } from 'node:stream';
import { BucketKeyCache } from './bucket-key-cache';
import { cipherSpan, decryptRange, decryptRangeSync, DecryptStream, type ByteRange, type DecryptJob, type ReadCipher, type ReadCipherSync } from './decrypt-range';
import { EncryptTransform } from './encrypt-stream';
import {
  parseEncryptionRecord, parseUploadEncryption, type EncryptionRecord, type PartRecord, type SseMode, type UploadEncryption,
} from './encryption-record';
import type { EncryptionContext } from './kms/encryption-context';
import type { KmsCore } from './kms/kms-core';
import type { KmsCaller } from './kms/types';
import { ObjectCryptoError } from './object-crypto-error';
import { createLayers, forgetOpenedKeys, openLayers, layerContext, type KeyDeps, type KeyTarget, type KmsCallEvent, type ModeSettings } from './object-keys';
import { cipherLength, FORMAT_VERSION, SEGMENT_SIZE } from './segment-format';
import { fingerprint, matches, requireSsecKey } from './sse-c';

export interface ObjectCryptoDeps {
  readonly rootKey: Buffer;
  readonly kms: KmsCore;
  readonly clock: () => Date;
  readonly random: (n: number) => Buffer;
  readonly onKmsCall?: (e: KmsCallEvent) => void;
}

/** Who is asking (KMS calls are made as this principal) and which object. */
export interface ObjectAddress {
  readonly accountId: string;
  readonly region: string;
  readonly principalArn?: string;
  readonly bucket: string;
  readonly key: string;
}

export interface WriteParams extends ObjectAddress {
  readonly mode: SseMode;
  /** Any KeyId form; default alias/aws/s3 (created on first use). */
  readonly kmsKeyId?: string;
  readonly context?: EncryptionContext;
  readonly bucketKeyEnabled?: boolean;
  readonly ssecKey?: Buffer;
}

export interface ObjectWriter {
  /** Pipe plaintext in, ciphertext out (to the blob store). */
  readonly transform: EncryptTransform;
  /** After the transform finished. `plainLength`, when given, is checked against what went through. */
  record(plainLength?: number): EncryptionRecord;
  readonly kmsKeyArn?: string;
  readonly bucketKeyEnabled: boolean;
}

export interface ObjectReader {
  readonly plainLength: number;
  readonly cipherLength: number;
  readonly mode: SseMode;
  readonly kmsKeyArn?: string;
  readonly bucketKeyEnabled: boolean;
  readonly userContext?: EncryptionContext;
  /** Plaintext of `range` (inclusive; default all); errors rather than yield unauthenticated bytes. */
  stream(readCipher: ReadCipher, range?: ByteRange): Readable;
  /** The same for a small object read whole: one buffer, no streams (the hot path of small GETs). */
  bytes(readCipher: ReadCipherSync, range?: ByteRange): Buffer;
}

export class ObjectCrypto {
  private readonly keyDeps: KeyDeps;

  constructor(private readonly deps: ObjectCryptoDeps) {
    this.keyDeps = { rootKey: deps.rootKey, kms: deps.kms, random: deps.random, bucketKeys: new BucketKeyCache(deps.clock), onKmsCall: deps.onKmsCall };
  }

  /** Forgets cached bucket keys (the KMS keys behind them were reset). */
  clearCaches(): void {
    this.keyDeps.bucketKeys.clear();
    forgetOpenedKeys();
  }

  /** Fixes mode, KMS key and SSE-C fingerprint (CreateMultipartUpload; also used by beginWrite). */
  async beginUpload(p: WriteParams): Promise<UploadEncryption> {
    const caller = callerOf(p);
    let kmsKeyArn: string | undefined;
    if (p.mode === 'aws:kms' || p.mode === 'aws:kms:dsse') {
      kmsKeyArn = this.deps.kms.assertUsable(caller, p.kmsKeyId ?? 'alias/aws/s3', 'kms:GenerateDataKey');
    } else if (p.kmsKeyId !== undefined || p.context !== undefined) {
      throw new ObjectCryptoError('InvalidParameters', 'a KMS key or context is only valid with aws:kms or aws:kms:dsse');
    }
    if (p.mode === 'SSE-C') {
      if (!p.ssecKey) throw new ObjectCryptoError('SsecKeyRequired');
      requireSsecKey(p.ssecKey);
    } else if (p.ssecKey) throw new ObjectCryptoError('InvalidParameters', 'SSE-C key given for another mode');
    return {
      v: 1, mode: p.mode, accountId: p.accountId, kmsKeyArn,
      bucketKeyEnabled: p.mode === 'aws:kms' ? p.bucketKeyEnabled === true : undefined,
      userContext: p.context,
      ssec: p.mode === 'SSE-C' && p.ssecKey ? fingerprint(p.ssecKey, this.deps.random) : undefined,
    };
  }

  /** PutObject (and CopyObject's destination). */
  async beginWrite(p: WriteParams): Promise<ObjectWriter> {
    return this.writer(await this.beginUpload(p), p, 0);
  }

  /** UploadPart: each part gets its own data key(s); an SSE-C key must match the upload's. */
  async beginPart(upload: unknown, p: ObjectAddress & { partNumber: number; ssecKey?: Buffer }): Promise<ObjectWriter> {
    const u = parseUploadEncryption(upload);
    if (!Number.isInteger(p.partNumber) || p.partNumber < 1) throw new ObjectCryptoError('InvalidParameters', 'part number');
    if (u.ssec) {
      if (!p.ssecKey) throw new ObjectCryptoError('SsecKeyRequired');
      if (!matches(u.ssec, p.ssecKey)) throw new ObjectCryptoError('SsecKeyMismatch', 'The provided encryption parameters did not match the ones used originally.');
    }
    return this.writer(u, p, p.partNumber);
  }

  /** CompleteMultipartUpload: parts in order, as they are concatenated into one blob. */
  completeUpload(upload: unknown, parts: ReadonlyArray<{ partNumber: number; record: unknown }>): EncryptionRecord {
    const u = parseUploadEncryption(upload);
    let plainOffset = 0;
    let cipherOffset = 0;
    const out: PartRecord[] = parts.map(({ partNumber, record }) => {
      const r = parseEncryptionRecord(record);
      const [part] = r.parts;
      if (r.parts.length !== 1 || part.partNumber !== partNumber || r.mode !== u.mode) throw new ObjectCryptoError('InvalidRecord', `part ${partNumber}`);
      const placed: PartRecord = { ...part, plainOffset, cipherOffset };
      plainOffset += part.plainLength;
      cipherOffset += part.cipherLength;
      return placed;
    });
    return { ...recordBase(u), plainLength: plainOffset, cipherLength: cipherOffset, parts: out };
  }

  verifySsecKey(record: unknown, key: Buffer): boolean {
    const r = parseEncryptionRecord(record);
    return r.ssec !== undefined && matches(r.ssec, key);
  }

  /** GET/HEAD/CopySource: opens the data keys now, so KMS and SSE-C errors come before any body. */
  async openRead(record: unknown, a: ObjectAddress & { ssecKey?: Buffer }): Promise<ObjectReader> {
    const r = parseEncryptionRecord(record);
    if (r.mode === 'SSE-C') {
      if (!a.ssecKey) throw new ObjectCryptoError('SsecKeyRequired');
      if (!r.ssec || !matches(r.ssec, a.ssecKey)) throw new ObjectCryptoError('SsecKeyMismatch');
    } else if (a.ssecKey) throw new ObjectCryptoError('SsecNotApplicable', 'The encryption parameters are not applicable to this object.');
    const settings = settingsOf(r);
    const caller = callerOf(a);
    const opened = r.parts.map((p) => {
      const t = targetOf(r.mode, r.accountId, a, p.partNumber);
      return { part: p, target: t, keys: openLayers(this.keyDeps, t, settings, caller, p.layers, a.ssecKey) };
    });
    return {
      plainLength: r.plainLength, cipherLength: r.cipherLength, mode: r.mode, kmsKeyArn: r.kmsKeyArn,
      bucketKeyEnabled: r.bucketKeyEnabled === true, userContext: r.userContext,
      stream: (readCipher, range) => streamParts(opened, readCipher, r.plainLength, range),
      bytes: (readCipher, range) => bytesOfParts(opened, readCipher, r.plainLength, range),
    };
  }

  private writer(u: UploadEncryption, a: ObjectAddress & { ssecKey?: Buffer }, partNumber: number): ObjectWriter {
    const t = targetOf(u.mode, u.accountId, a, partNumber);
    const { keys, layers } = createLayers(this.keyDeps, t, settingsOf(u), callerOf(a), a.ssecKey);
    const transform = new EncryptTransform(keys.map((key, i) => ({ key, sc: { context: layerContext(t, i), noncePrefix: Buffer.from(layers[i].noncePrefix, 'base64') } })));
    return {
      transform, kmsKeyArn: u.kmsKeyArn, bucketKeyEnabled: u.bucketKeyEnabled === true,
      record: (plainLength?: number): EncryptionRecord => {
        if (!transform.writableFinished) throw new ObjectCryptoError('InvalidParameters', 'record() before the transform finished');
        const n = transform.plainBytes();
        if (plainLength !== undefined && plainLength !== n) throw new ObjectCryptoError('InvalidParameters', `plain length ${plainLength} != ${n} encrypted`);
        const c = layers.reduce((len) => cipherLength(len), n);
        return { ...recordBase(u), plainLength: n, cipherLength: c, parts: [{ partNumber, plainLength: n, cipherLength: c, plainOffset: 0, cipherOffset: 0, layers }] };
      },
    };
  }
}

function recordBase(u: UploadEncryption): Omit<EncryptionRecord, 'plainLength' | 'cipherLength' | 'parts'> {
  const isKms = u.mode === 'aws:kms' || u.mode === 'aws:kms:dsse';
  return {
    v: 1, formatVersion: FORMAT_VERSION, segmentSize: SEGMENT_SIZE, mode: u.mode, accountId: u.accountId,
    ...(isKms ? { kmsKeyArn: u.kmsKeyArn, bucketKeyEnabled: u.bucketKeyEnabled === true, userContext: u.userContext } : {}),
    ...(u.ssec ? { ssec: u.ssec } : {}),
  };
}

function settingsOf(r: { kmsKeyArn?: string; bucketKeyEnabled?: boolean; userContext?: EncryptionContext; ssec?: { salt: string; hmac: string } }): ModeSettings {
  return { kmsKeyArn: r.kmsKeyArn, bucketKeyEnabled: r.bucketKeyEnabled, userContext: r.userContext, ssec: r.ssec };
}

function targetOf(mode: SseMode, accountId: string, a: ObjectAddress, partNumber: number): KeyTarget {
  return { mode, accountId, bucket: a.bucket, key: a.key, partNumber };
}

function callerOf(a: ObjectAddress): KmsCaller {
  return { accountId: a.accountId, region: a.region, principalArn: a.principalArn ?? `arn:aws:iam::${a.accountId}:root` };
}

interface OpenedPart {
  readonly part: PartRecord;
  readonly target: KeyTarget;
  readonly keys: Buffer[];
}

/** The plaintext range of every part it covers, in order, as one stream (see DecryptStream). */
function streamParts(parts: readonly OpenedPart[], readCipher: ReadCipher, plainLength: number, range?: ByteRange): Readable {
  const jobs = parts.map(({ part, target, keys }) => (): DecryptJob | undefined => {
    const pEnd = part.plainOffset + part.plainLength - 1;
    let sub: ByteRange | undefined;
    if (range) {
      if (range.end < part.plainOffset || range.start > pEnd) return undefined;
      sub = { start: Math.max(range.start, part.plainOffset) - part.plainOffset, end: Math.min(range.end, pEnd) - part.plainOffset };
    }
    const base: ReadCipher = (s, e) => readCipher(part.cipherOffset + s, part.cipherOffset + e);
    return layered(base, part, keys, target, sub);
  });
  return new DecryptStream(jobs, () => {
    if (range && (range.start < 0 || range.end < range.start || range.end >= plainLength)) {
      throw new ObjectCryptoError('InvalidRange', `range ${range.start}-${range.end} outside 0-${plainLength - 1}`);
    }
  });
}

function bytesOfParts(parts: readonly OpenedPart[], readCipher: ReadCipherSync, plainLength: number, range?: ByteRange): Buffer {
  cipherSpan(plainLength, range);
  const out: Buffer[] = [];
  for (const { part, target, keys } of parts) {
    const pEnd = part.plainOffset + part.plainLength - 1;
    let sub: ByteRange | undefined;
    if (range) {
      if (range.end < part.plainOffset || range.start > pEnd) continue;
      sub = { start: Math.max(range.start, part.plainOffset) - part.plainOffset, end: Math.min(range.end, pEnd) - part.plainOffset };
    }
    const base: ReadCipherSync = (s, e) => readCipher(part.cipherOffset + s, part.cipherOffset + e);
    const sc = (i: number) => ({ context: layerContext(target, i), noncePrefix: Buffer.from(part.layers[i].noncePrefix, 'base64') });
    const lengths = [part.plainLength];
    for (let i = 1; i < keys.length; i++) lengths.push(cipherLength(lengths[i - 1]));
    let reader = base;
    for (let i = keys.length - 1; i >= 1; i--) {
      const outer = reader;
      const layer = i;
      reader = (s, e) => decryptRangeSync(outer, { plainLength: lengths[layer] }, keys[layer], sc(layer), { start: s, end: e });
    }
    out.push(decryptRangeSync(reader, { plainLength: part.plainLength }, keys[0], sc(0), sub));
  }
  return out.length === 1 ? (out[0] as Buffer) : Buffer.concat(out);
}

/** Peels DSSE's outer layer lazily: the inner layer's reader decrypts a range of the outer one. */
function layered(readCipher: ReadCipher, part: PartRecord, keys: readonly Buffer[], t: KeyTarget, range?: ByteRange): DecryptJob {
  const sc = (i: number) => ({ context: layerContext(t, i), noncePrefix: Buffer.from(part.layers[i].noncePrefix, 'base64') });
  const lengths = [part.plainLength];
  for (let i = 1; i < keys.length; i++) lengths.push(cipherLength(lengths[i - 1]));
  let reader = readCipher;
  for (let i = keys.length - 1; i >= 1; i--) {
    const outer = reader;
    reader = (s, e) => decryptRange(outer, { plainLength: lengths[i] }, keys[i], sc(i), { start: s, end: e });
  }
  return { readCipher: reader, plainLength: part.plainLength, key: keys[0], sc: sc(0), range };
}
