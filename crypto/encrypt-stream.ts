import { createCipheriv } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { contextDigest, SEGMENT_SIZE, segmentAad, segmentNonce, type SegmentContext } from './segment-format';

/**
 * Incremental segment sealer. Holds at most one segment of plaintext; a full segment is only
 * sealed once more data arrives, because the last segment carries the final flag.
 */
export class SegmentSealer {
  private pending: Buffer[] = [];
  private pendingLen = 0;
  private index = 0;
  private readonly digest: Buffer;
  plainBytes = 0;

  constructor(private readonly key: Buffer, private readonly sc: SegmentContext) {
    if (key.length !== 32) throw new Error('data key must be 32 bytes');
    this.digest = contextDigest(sc.context);
  }

  write(chunk: Buffer, out: (b: Buffer) => void): void {
    this.plainBytes += chunk.length;
    let rest = chunk;
    while (rest.length > 0) {
      const room = SEGMENT_SIZE - this.pendingLen;
      if (room === 0) {
        this.seal(false, out);
        continue;
      }
      const take = rest.subarray(0, room);
      this.pending.push(take);
      this.pendingLen += take.length;
      rest = rest.subarray(take.length);
    }
  }

  end(out: (b: Buffer) => void): void {
    this.seal(true, out);
  }

  private seal(final: boolean, out: (b: Buffer) => void): void {
    const cipher = createCipheriv('aes-256-gcm', this.key, segmentNonce(this.sc.noncePrefix, this.index));
    cipher.setAAD(segmentAad(this.digest, this.index, final));
    // Encrypt the held pieces directly rather than concatenating them first.
    for (const p of this.pending) {
      const c = cipher.update(p);
      if (c.length > 0) out(c);
    }
    const f = cipher.final();
    if (f.length > 0) out(f);
    out(cipher.getAuthTag());
    this.pending = [];
    this.pendingLen = 0;
    this.index += 1;
  }
}

/**
 * A Transform applying one or more layers in order (DSSE-KMS has two). Memory stays bounded
 * by one segment per layer. `plainBytes()` reports how much plaintext went through.
 */
export class EncryptTransform extends Transform {
  private readonly layers: SegmentSealer[];

  constructor(layers: ReadonlyArray<{ key: Buffer; sc: SegmentContext }>) {
    super();
    this.layers = layers.map((l) => new SegmentSealer(l.key, l.sc));
  }

  plainBytes(): number {
    return this.layers[0].plainBytes;
  }

  private emitter(i: number): (b: Buffer) => void {
    if (i === this.layers.length) return (b) => this.push(b);
    const next = this.emitter(i + 1);
    return (b) => this.layers[i].write(b, next);
  }

  override _transform(chunk: Buffer | string, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      this.emitter(0)(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      cb();
    } catch (e) {
      cb(e instanceof Error ? e : new Error(String(e)));
    }
  }

  override _flush(cb: TransformCallback): void {
    try {
      for (let i = 0; i < this.layers.length; i++) this.layers[i].end(this.emitter(i + 1));
      cb();
    } catch (e) {
      cb(e instanceof Error ? e : new Error(String(e)));
    }
  }
}

export function encryptStream(dataKey: Buffer, sc: SegmentContext): EncryptTransform {
  return new EncryptTransform([{ key: dataKey, sc }]);
}
