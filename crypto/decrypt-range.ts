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
 * Plaintext is pushed a segment at a time, as the decipher returns it. Gathering segments into
 * ~1 MiB pieces (fewer socket writes) measured slower: the extra copy into a fresh buffer
 * costs more than the writes it saves. The stream buffers up to this much ahead of its consumer.
 */
const READ_AHEAD = 16 * SEGMENT_SIZE;

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
  /** Staging for a segment split across chunks; allocated only if that happens. */
  private buf: Buffer | undefined;
  private filled = 0;
  private index: number;
  private want: number;

  constructor(private readonly plainLength: number, private readonly key: Buffer, private readonly sc: SegmentContext, range?: ByteRange, digest?: Buffer) {
    this.total = segmentCount(plainLength);
    this.start = range?.start ?? 0;
    this.end = range?.end ?? plainLength - 1;
    this.index = Math.floor(this.start / SEGMENT_SIZE);
    this.last = plainLength === 0 ? 0 : Math.floor(this.end / SEGMENT_SIZE);
    this.digest = digest ?? contextDigest(sc.context);
    this.want = this.need(this.index);
  }

  private need(i: number): number {
    return (i < this.total - 1 ? SEGMENT_SIZE : this.plainLength - i * SEGMENT_SIZE) + TAG_SIZE;
  }

  /** Authenticates and decrypts one whole segment (ciphertext || tag), trimmed to the range; moves to the next (`want` changes). */
  private open(seg: Buffer): Buffer {
    const { index } = this;
    const body = seg.length - TAG_SIZE;
    const d = createDecipheriv('aes-256-gcm', this.key, segmentNonce(this.sc.noncePrefix, index));
    d.setAAD(segmentAad(this.digest, index, index === this.total - 1));
    d.setAuthTag(seg.subarray(body));
    let p: Buffer;
    try {
      const u = d.update(seg.subarray(0, body));
      const fin = d.final();
      p = fin.length > 0 ? Buffer.concat([u, fin]) : u;
    } catch {
      throw new ObjectCryptoError('IntegrityError', `ciphertext segment ${index} failed authentication`);
    }
    this.index += 1;
    if (this.index <= this.last) this.want = this.need(this.index);
    const segStart = index * SEGMENT_SIZE;
    const from = Math.max(this.start, segStart) - segStart;
    const to = Math.min(this.end, segStart + p.length - 1) - segStart + 1;
    return from === 0 && to >= p.length ? p : p.subarray(from, Math.max(from, to));
  }

  /**
   * Consumes `chunk` from `pos` until it is used up or about `budget` plaintext bytes came out
   * (appended to `out`); returns the new position. Segments lying whole in the chunk are
   * decrypted in place; only one straddling two chunks is copied (into the staging buffer).
   */
  take(chunk: Buffer, pos: number, out: Buffer[], budget: number): number {
    let produced = 0;
    while (pos < chunk.length && produced < budget) {
      if (this.index > this.last) throw new ObjectCryptoError('IntegrityError', 'more ciphertext than the record describes');
      let plain: Buffer;
      const want = this.want;
      if (this.filled === 0 && chunk.length - pos >= want) {
        plain = this.open(chunk.subarray(pos, pos + want));
        pos += want;
      } else {
        const buf = (this.buf ??= Buffer.allocUnsafe(SEGMENT_SIZE + TAG_SIZE));
        const n = Math.min(want - this.filled, chunk.length - pos);
        chunk.copy(buf, this.filled, pos, pos + n);
        this.filled += n;
        pos += n;
        if (this.filled < want) continue;
        this.filled = 0;
        plain = this.open(buf.subarray(0, want));
      }
      if (plain.length > 0) {
        out.push(plain);
        produced += plain.length;
      }
    }
    return pos;
  }

  finish(): void {
    if (this.index <= this.last) throw new ObjectCryptoError('IntegrityError', 'ciphertext is shorter than the record describes');
  }
}

function joined(out: Buffer[]): Buffer {
  return out.length === 1 ? (out[0] as Buffer) : Buffer.concat(out);
}

/**
 * A ciphertext source (the blob store's file reader) may offer to take back chunks its consumer
 * has finished with, to read into them again instead of allocating.
 */
function recyclerOf(source: Readable): ((chunk: Buffer) => void) | undefined {
  const r: unknown = (source as Readable & { recycle?: unknown }).recycle;
  return typeof r === 'function' ? (chunk) => { r.call(source, chunk); } : undefined;
}

/** One segmented layer to decrypt: where its ciphertext comes from and which range it yields. */
export interface DecryptJob {
  readonly readCipher: ReadCipher;
  readonly plainLength: number;
  readonly key: Buffer;
  readonly sc: SegmentContext;
  readonly range?: ByteRange;
}

/**
 * Plaintext of a sequence of decrypt jobs (one per multipart part), as one stream. Ciphertext
 * is taken from each job's source in flowing mode and decrypted synchronously, segment by
 * segment, in place (no Readable.from / async iteration per chunk); the source is paused
 * whenever this stream's consumer is full, so memory stays a few chunks whatever the object
 * size. Nothing starts (no file is opened) until the first read.
 */
export class DecryptStream extends Readable {
  private readonly jobs: Array<() => DecryptJob | undefined>;
  private next = 0;
  private source: Readable | undefined;
  private recycle: ((chunk: Buffer) => void) | undefined;
  private dec: SegmentDecryptor | undefined;
  /** The source chunk being decrypted and how far; set while backpressure holds the rest. */
  private pending: Buffer | undefined;
  private pos = 0;
  private paused = false;
  private started = false;
  private readonly onData = (chunk: Buffer | Uint8Array): void => {
    this.pending = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.pos = 0;
    if (!this.drain()) this.pauseSource();
  };
  private sourceEnded = false;
  private readonly onEnd = (): void => {
    // Defensive: a source should not end while paused with a chunk still being decrypted.
    if (this.pending) this.sourceEnded = true;
    else this.finishSource();
  };
  private finishSource(): void {
    this.sourceEnded = false;
    this.detach();
    try {
      this.dec?.finish();
    } catch (err) {
      this.destroy(err as Error);
      return;
    }
    this.dec = undefined;
    this.advance();
  }
  private readonly onError = (err: Error): void => {
    this.destroy(err);
  };

  /** `jobs` are called in order, lazily; one returning undefined is skipped. `check` runs first. */
  constructor(jobs: Array<() => DecryptJob | undefined>, private readonly check?: () => void) {
    super({ highWaterMark: READ_AHEAD });
    this.jobs = jobs;
  }

  override _read(): void {
    if (!this.started) {
      this.started = true;
      try {
        this.check?.();
      } catch (err) {
        this.destroy(err as Error);
        return;
      }
      this.advance();
      return;
    }
    if (this.pending && !this.drain()) return;
    if (this.sourceEnded) {
      this.finishSource();
      return;
    }
    if (this.paused && this.source) {
      this.paused = false;
      this.source.resume();
    }
  }

  /** Decrypts the pending chunk while the consumer wants more; false if it is full (or we failed). */
  private drain(): boolean {
    const chunk = this.pending;
    const dec = this.dec;
    if (!chunk || !dec) return true;
    while (this.pos < chunk.length) {
      const out: Buffer[] = [];
      try {
        this.pos = dec.take(chunk, this.pos, out, SEGMENT_SIZE);
      } catch (err) {
        this.pending = undefined;
        this.destroy(err as Error);
        return false;
      }
      if (this.pos >= chunk.length) {
        this.pending = undefined;
        this.recycle?.(chunk); // every segment in it is decrypted or copied out: no view remains
      }
      if (out.length > 0 && !this.push(joined(out))) return false;
    }
    this.pending = undefined;
    return true;
  }

  private pauseSource(): void {
    if (this.source && !this.paused && !this.destroyed) {
      this.paused = true;
      this.source.pause();
    }
  }

  /** Starts the next job's source, or ends the stream. */
  private advance(): void {
    for (;;) {
      if (this.destroyed) return;
      if (this.next >= this.jobs.length) {
        this.push(null);
        return;
      }
      let job: DecryptJob | undefined;
      let span: { start: number; end: number };
      try {
        job = this.jobs[this.next++]?.();
        if (!job) continue;
        span = cipherSpan(job.plainLength, job.range);
        this.dec = new SegmentDecryptor(job.plainLength, job.key, job.sc, job.range);
        this.source = job.readCipher(span.start, span.end);
      } catch (err) {
        this.destroy(err as Error);
        return;
      }
      this.paused = false;
      this.recycle = recyclerOf(this.source);
      this.source.on('data', this.onData);
      this.source.once('end', this.onEnd);
      this.source.once('error', this.onError);
      return;
    }
  }

  private detach(): void {
    const s = this.source;
    if (!s) return;
    s.off('data', this.onData);
    s.off('end', this.onEnd);
    s.off('error', this.onError);
    this.source = undefined;
    this.recycle = undefined;
    this.paused = false;
  }

  override _destroy(err: Error | null, cb: (error?: Error | null) => void): void {
    const s = this.source;
    this.detach();
    this.pending = undefined;
    if (s) {
      s.on('error', () => undefined); // it may still report its own failure; ours is already decided
      s.destroy();
    }
    cb(err);
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
  return new DecryptStream([() => ({ readCipher, plainLength: info.plainLength, key: dataKey, sc, range })]);
}

/**
 * Context digests for the in-memory path: repeated GETs of a small object hash the same
 * context each time. A small map, emptied when full; the digests are only ever read.
 */
const DIGESTS = new Map<string, Buffer>();
const DIGEST_CACHE_SIZE = 1024;

function rememberedDigest(context: string): Buffer {
  let d = DIGESTS.get(context);
  if (d === undefined) {
    d = contextDigest(context);
    if (DIGESTS.size >= DIGEST_CACHE_SIZE) DIGESTS.clear();
    DIGESTS.set(context, d);
  }
  return d;
}

/** The same decryption for a small object held in memory: no streams, one buffer out. */
export function decryptRangeSync(
  readCipher: ReadCipherSync, info: { readonly plainLength: number }, dataKey: Buffer, sc: SegmentContext, range?: ByteRange,
): Buffer {
  const span = cipherSpan(info.plainLength, range);
  const dec = new SegmentDecryptor(info.plainLength, dataKey, sc, range, rememberedDigest(sc.context));
  const out: Buffer[] = [];
  const chunk = readCipher(span.start, span.end);
  let pos = 0;
  while (pos < chunk.length) pos = dec.take(chunk, pos, out, Infinity);
  dec.finish();
  return out.length === 1 ? (out[0] as Buffer) : Buffer.concat(out);
}
