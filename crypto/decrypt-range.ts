import { createDecipheriv } from 'node:crypto';
import { Readable } from 'node:stream';
import { ObjectCryptoError } from './object-crypto-error';
import {
  cipherLength, contextDigest, SEGMENT_SIZE, segmentAad, segmentCount, segmentNonce, TAG_SIZE, type SegmentContext,
} from './segment-format';

/** Reads ciphertext bytes start..end inclusive (as HTTP Range and BlobStore.read). */
export type ReadCipher = (start: number, end: number) => Readable;
/** The same, for small objects read whole into memory. */
export type ReadCipherSync = (start: number, end: number) => Buffer;

export interface ByteRange {
  readonly start: number;
  /** Inclusive. */
  readonly end: number;
}

/** The ciphertext byte range holding the segments a plaintext range needs. */
export function cipherSpan(plainLength: number, range?: ByteRange): { start: number; end: number } {
  if (range && (range.start < 0 || range.end < range.start || range.end >= plainLength)) {
    throw new ObjectCryptoError('InvalidRange', `range ${range.start}-${range.end} outside 0-${plainLength - 1}`);
  }
  const stride = SEGMENT_SIZE + TAG_SIZE;
  const first = Math.floor((range?.start ?? 0) / SEGMENT_SIZE);
  const last = plainLength === 0 ? 0 : Math.floor((range?.end ?? plainLength - 1) / SEGMENT_SIZE);
  return { start: first * stride, end: Math.min(cipherLength(plainLength), (last + 1) * stride) - 1 };
}

/**
 * Authenticates and decrypts segments as ciphertext arrives in arbitrary chunks; shared by
 * the streaming and the in-memory readers so both apply exactly the same checks.
 */
class SegmentDecryptor {
  private readonly total: number;
  private readonly start: number;
  private readonly end: number;
  private readonly last: number;
  private readonly digest: Buffer;
  private readonly buf = Buffer.allocUnsafe(SEGMENT_SIZE + TAG_SIZE);
  private filled = 0;
  private index: number;
  private want: number;

  constructor(private readonly plainLength: number, private readonly key: Buffer, private readonly sc: SegmentContext, range?: ByteRange) {
    this.total = segmentCount(plainLength);
    this.start = range?.start ?? 0;
    this.end = range?.end ?? plainLength - 1;
    this.index = Math.floor(this.start / SEGMENT_SIZE);
    this.last = plainLength === 0 ? 0 : Math.floor(this.end / SEGMENT_SIZE);
    this.digest = contextDigest(sc.context);
    this.want = this.need(this.index);
  }

  private need(i: number): number {
    return (i < this.total - 1 ? SEGMENT_SIZE : this.plainLength - i * SEGMENT_SIZE) + TAG_SIZE;
  }

  private open(): Buffer {
    const { index, want, buf } = this;
    const d = createDecipheriv('aes-256-gcm', this.key, segmentNonce(this.sc.noncePrefix, index));
    d.setAAD(segmentAad(this.digest, index, index === this.total - 1));
    d.setAuthTag(buf.subarray(want - TAG_SIZE, want));
    try {
      const u = d.update(buf.subarray(0, want - TAG_SIZE));
      const fin = d.final();
      const p = fin.length > 0 ? Buffer.concat([u, fin]) : u;
      const segStart = index * SEGMENT_SIZE;
      const from = Math.max(this.start, segStart) - segStart;
      const to = Math.min(this.end, segStart + p.length - 1) - segStart + 1;
      return p.subarray(from, Math.max(from, to));
    } catch {
      throw new ObjectCryptoError('IntegrityError', `ciphertext segment ${index} failed authentication`);
    }
  }

  /** Plaintext of every segment this chunk completes. */
  push(raw: Buffer, out: Buffer[]): void {
    let chunk = raw;
    while (chunk.length > 0) {
      if (this.index > this.last) throw new ObjectCryptoError('IntegrityError', 'more ciphertext than the record describes');
      const take = Math.min(this.want - this.filled, chunk.length);
      chunk.copy(this.buf, this.filled, 0, take);
      this.filled += take;
      chunk = chunk.subarray(take);
      if (this.filled === this.want) {
        const plain = this.open();
        if (plain.length > 0) out.push(plain);
        this.index += 1;
        this.filled = 0;
        if (this.index <= this.last) this.want = this.need(this.index);
      }
    }
  }

  finish(): void {
    if (this.index <= this.last) throw new ObjectCryptoError('IntegrityError', 'ciphertext is shorter than the record describes');
  }
}

/**
 * Decrypts the plaintext range (default: all) of one segmented layer, reading only the
 * segments it covers. Each segment is authenticated before any of its plaintext is pushed;
 * a tampered, truncated or relocated ciphertext makes the stream error with
 * ObjectCryptoError('IntegrityError').
 */
export function decryptRange(
  readCipher: ReadCipher, info: { readonly plainLength: number }, dataKey: Buffer, sc: SegmentContext, range?: ByteRange,
): Readable {
  return Readable.from(decryptSegments(readCipher, info.plainLength, dataKey, sc, range), { objectMode: false });
}

async function* decryptSegments(
  readCipher: ReadCipher, plainLength: number, key: Buffer, sc: SegmentContext, range?: ByteRange,
): AsyncGenerator<Buffer> {
  const span = cipherSpan(plainLength, range);
  const dec = new SegmentDecryptor(plainLength, key, sc, range);
  for await (const raw of readCipher(span.start, span.end)) {
    const out: Buffer[] = [];
    dec.push(Buffer.isBuffer(raw) ? raw : Buffer.from(raw as Uint8Array), out);
    yield* out;
  }
  dec.finish();
}

/** The same decryption for a small object held in memory: no streams, one buffer out. */
export function decryptRangeSync(
  readCipher: ReadCipherSync, info: { readonly plainLength: number }, dataKey: Buffer, sc: SegmentContext, range?: ByteRange,
): Buffer {
  const span = cipherSpan(info.plainLength, range);
  const dec = new SegmentDecryptor(info.plainLength, dataKey, sc, range);
  const out: Buffer[] = [];
  dec.push(readCipher(span.start, span.end), out);
  dec.finish();
  return out.length === 1 ? (out[0] as Buffer) : Buffer.concat(out);
}
