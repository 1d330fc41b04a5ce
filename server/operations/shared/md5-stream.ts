import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';

/** A pass-through that counts and MD5-hashes what flows through it (ETags of copies). */
export class Md5Stream extends Transform {
  private readonly hash = createHash('md5');
  size = 0;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null, data?: Buffer) => void): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    done(null, chunk);
  }

  digestHex(): string {
    return this.hash.digest('hex');
  }
}
