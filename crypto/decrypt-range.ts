import { createDecipheriv } from 'node:crypto';
import { Readable } from 'node:stream';
import { ObjectCryptoError } from './object-crypto-error';
import {
  cipherLength, contextDigest, SEGMENT_SIZE, segmentAad, segmentCount, segmentNonce, TAG_SIZE, type SegmentContext,
} from './segment-format';

/** Reads ciphertext bytes start..end inclusive (as HTTP Range and BlobStore.read). */
export type ReadCipher = (start: number, end: number) => Readable;

export interface ByteRange {
  readonly start: number;
  /** Inclusive. */
  readonly end: number;
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
  const total = segmentCount(plainLength);
  if (range && (range.start < 0 || range.end < range.start || range.end >= plainLength)) {
    throw new ObjectCryptoError('InvalidRange', `range ${range.start}-${range.end} outside 0-${plainLength - 1}`);
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? plainLength - 1;
  const first = Math.floor(start / SEGMENT_SIZE);
  const last = plainLength === 0 ? 0 : Math.floor(end / SEGMENT_SIZE);
  const stride = SEGMENT_SIZE + TAG_SIZE;
  const cStart = first * stride;
  const cEnd = Math.min(cipherLength(plainLength), (last + 1) * stride) - 1;
  const digest = contextDigest(sc.context);
  const buf = Buffer.allocUnsafe(stride);
  let filled = 0;
  let index = first;
  const need = (i: number): number => (i < total - 1 ? SEGMENT_SIZE : plainLength - i * SEGMENT_SIZE) + TAG_SIZE;
  let want = need(index);

  const open = (): Buffer => {
    const d = createDecipheriv('aes-256-gcm', key, segmentNonce(sc.noncePrefix, index));
    d.setAAD(segmentAad(digest, index, index === total - 1));
    d.setAuthTag(buf.subarray(want - TAG_SIZE, want));
    try {
      const u = d.update(buf.subarray(0, want - TAG_SIZE));
      const fin = d.final();
      const p = fin.length > 0 ? Buffer.concat([u, fin]) : u;
      const segStart = index * SEGMENT_SIZE;
      const from = Math.max(start, segStart) - segStart;
      const to = Math.min(end, segStart + p.length - 1) - segStart + 1;
      return p.subarray(from, Math.max(from, to));
    } catch {
      throw new ObjectCryptoError('IntegrityError', `ciphertext segment ${index} failed authentication`);
    }
  };

  for await (const raw of readCipher(cStart, cEnd)) {
    let chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw as Uint8Array);
    while (chunk.length > 0) {
      if (index > last) throw new ObjectCryptoError('IntegrityError', 'more ciphertext than the record describes');
      const take = Math.min(want - filled, chunk.length);
      chunk.copy(buf, filled, 0, take);
      filled += take;
      chunk = chunk.subarray(take);
      if (filled === want) {
        const plain = open();
        if (plain.length > 0) yield plain;
        index += 1;
        filled = 0;
        if (index <= last) want = need(index);
      }
    }
  }
  if (index <= last) throw new ObjectCryptoError('IntegrityError', 'ciphertext is shorter than the record describes');
}
