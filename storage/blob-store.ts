import {
  close, closeSync, open, openSync, promises as fsp, read, readSync, renameSync, statSync,
  unlinkSync, writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore, BlobWriteResult } from './contracts';
import { defaultRandom, type RandomSource } from './opaque-id';
import { StorageError } from './types';

export interface BlobStoreOptions {
  /** fsync the file before rename and the directory after, so a committed row never points at a lost blob. */
  readonly durable: boolean;
  readonly random?: RandomSource;
}

/** Ids are 32 lowercase hex chars; anything else is refused before it can reach a path. */
const BLOB_ID = /^[0-9a-f]{32}$/;
/** Small chunks are gathered into one writev up to this size: few syscalls, bounded memory. */
const WRITE_BATCH = 256 * 1024;
/** Objects up to this size are buffered and written synchronously (see write()). */
const INLINE_LIMIT = 64 * 1024;
/**
 * Large reads for throughput; ranged reads size the buffer to the range instead. 16 strides of
 * the encrypted segment format (64 KiB + 16-byte tag), just over 1 MiB: reads of an encrypted
 * object start on a segment boundary, so no segment straddles two chunks and the decryptor
 * works on the read buffers in place instead of copying each segment out.
 */
const READ_CHUNK = 16 * (64 * 1024 + 16);

function isMissing(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === 'ENOENT';
}

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  throw new TypeError('blob source must yield Buffers');
}

async function writeAll(handle: fsp.FileHandle, chunks: Uint8Array[], total: number): Promise<void> {
  const { bytesWritten } = await handle.writev(chunks);
  // writev may write short (e.g. very large batches); finish the remainder with plain writes.
  if (bytesWritten < total) {
    const rest = Buffer.concat(chunks).subarray(bytesWritten);
    for (let offset = 0; offset < rest.length;) offset += (await handle.write(rest, offset)).bytesWritten;
  }
}

function writeSmallSync(path: string, chunks: readonly Uint8Array[]): void {
  const fd = openSync(path, 'wx');
  try {
    for (const chunk of chunks) {
      for (let offset = 0; offset < chunk.length;) offset += writeSync(fd, chunk, offset);
    }
  } finally {
    closeSync(fd);
  }
}

function blobError(err: unknown): Error {
  if (isMissing(err)) return new StorageError('BlobMissing', 'blob missing');
  return err instanceof Error ? err : new Error(String(err));
}

/** One synchronous pread (the page cache answers) instead of three thread-pool hops. */
function readSmall(path: string, start: number, length: number): Buffer | Error {
  try {
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.allocUnsafe(Math.max(0, length));
      let filled = 0;
      while (filled < buf.length) {
        const n = readSync(fd, buf, filled, buf.length - filled, start + filled);
        if (n === 0) break; // range past the end: return what exists, as createReadStream does
        filled += n;
      }
      return buf.subarray(0, filled);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    return blobError(err);
  }
}

/** A one-chunk stream; a failure surfaces as a stream error, like createReadStream's. */
function oneChunk(result: Buffer | Error): Readable {
  return new Readable({
    read() {
      if (result instanceof Error) return this.destroy(result);
      if (result.length > 0) this.push(result);
      this.push(null);
    },
  });
}

/**
 * A byte range of a blob file in READ_CHUNK reads, like fs.createReadStream but with one
 * addition: a consumer that is done with a chunk (every byte used or copied, no view kept) may
 * hand it back with `recycle(chunk)`, and a later read fills it again. The decrypting reader
 * does so, which spares a fresh 1 MiB allocation per read (its page faults, and garbage that
 * would pile up until the next GC); other consumers simply never recycle.
 */
class BlobReadStream extends Readable {
  private fd: number | undefined;
  private pos: number;
  private reading = false;
  private closeAfterRead: (() => void) | undefined;
  private readonly spare: Buffer[] = [];
  private readonly mine = new WeakSet<ArrayBufferLike>();

  constructor(private readonly path: string, start: number, private readonly end: number, private readonly chunkSize: number) {
    super({ highWaterMark: chunkSize });
    this.pos = start;
  }

  override _construct(cb: (err?: Error | null) => void): void {
    open(this.path, 'r', (err, fd) => {
      if (err) return cb(isMissing(err) ? new StorageError('BlobMissing', 'blob missing') : err);
      this.fd = fd;
      cb();
    });
  }

  override _read(): void {
    const fd = this.fd;
    const n = Math.min(this.chunkSize, this.end - this.pos + 1);
    if (fd === undefined || n <= 0) {
      this.push(null);
      return;
    }
    let buf = this.spare.pop();
    if (!buf) {
      buf = Buffer.allocUnsafeSlow(this.chunkSize);
      this.mine.add(buf.buffer);
    }
    const target = buf;
    this.reading = true;
    read(fd, target, 0, n, this.pos, (err, bytesRead) => {
      this.reading = false;
      if (this.closeAfterRead) {
        this.closeAfterRead();
        return;
      }
      if (err) {
        this.destroy(err);
      } else if (bytesRead === 0) {
        this.push(null); // the file is shorter than the range: end early, as createReadStream does
      } else {
        this.pos += bytesRead;
        this.push(target.subarray(0, bytesRead));
      }
    });
  }

  /** Gives a chunk this stream produced back for reuse; the caller must hold no view of it. */
  recycle(chunk: Buffer): void {
    if (this.spare.length < 2 && this.mine.has(chunk.buffer) && !this.destroyed) {
      this.spare.push(Buffer.from(chunk.buffer, 0, this.chunkSize));
    }
  }

  override _destroy(err: Error | null, cb: (error?: Error | null) => void): void {
    this.spare.length = 0;
    const fd = this.fd;
    this.fd = undefined;
    const done = (): void => {
      if (fd === undefined) return cb(err);
      close(fd, (closeErr) => cb(err ?? closeErr));
    };
    // A read in flight still writes into its buffer and uses the fd: close only after it.
    if (this.reading) this.closeAfterRead = done;
    else done();
  }
}

async function syncDirectory(path: string): Promise<void> {
  const handle = await fsp.open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function openBlobStore(dir: string, opts: BlobStoreOptions): Promise<BlobStore> {
  const random = opts.random ?? defaultRandom;
  const blobsDir = join(dir, 'blobs');
  const tmpDir = join(dir, 'tmp');
  const shards = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
  // Creating every shard up front keeps mkdir off the write path.
  await fsp.mkdir(tmpDir, { recursive: true });
  await Promise.all(shards.map((s) => fsp.mkdir(join(blobsDir, s), { recursive: true })));

  const pathOf = (blobId: string): string => {
    if (!BLOB_ID.test(blobId)) throw new StorageError('BlobMissing', 'malformed blob id');
    return join(blobsDir, blobId.slice(0, 2), blobId);
  };

  /**
   * Small objects (the common case) are gathered in memory up to INLINE_LIMIT and written with
   * synchronous calls: four thread-pool round trips cost several times the ~50 µs of blocking.
   * Larger ones stream through a FileHandle in WRITE_BATCH writes. Durable writes always go async,
   * since fsync can take milliseconds and must not stall the event loop.
   */
  async function write(source: Readable | AsyncIterable<Buffer>): Promise<BlobWriteResult> {
    const blobId = random(16).toString('hex');
    const tmpPath = join(tmpDir, blobId);
    const shardDir = join(blobsDir, blobId.slice(0, 2));
    let handle: fsp.FileHandle | undefined;
    let pending: Uint8Array[] = [];
    let pendingSize = 0;
    let size = 0;
    // One batch is written while the next is gathered, so reading, hashing and encrypting
    // upstream overlap with the disk instead of taking turns with it.
    let inFlight: Promise<void> = Promise.resolve();
    try {
      await pipeline(source, async (chunks: AsyncIterable<unknown>) => {
        for await (const chunk of chunks) {
          const bytes = toBytes(chunk);
          pending.push(bytes);
          pendingSize += bytes.length;
          size += bytes.length;
          if (pendingSize < WRITE_BATCH) continue;
          await inFlight;
          handle ??= await fsp.open(tmpPath, 'wx');
          const file = handle;
          const batch = pending;
          const batchSize = pendingSize;
          inFlight = writeAll(file, batch, batchSize);
          inFlight.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
          pending = [];
          pendingSize = 0;
        }
      });
      await inFlight;
      if (handle === undefined && !opts.durable && pendingSize <= INLINE_LIMIT) {
        writeSmallSync(tmpPath, pending);
        renameSync(tmpPath, join(shardDir, blobId));
        return { blobId, size };
      }
      handle ??= await fsp.open(tmpPath, 'wx');
      if (pendingSize > 0) await writeAll(handle, pending, pendingSize);
      if (opts.durable) await handle.sync();
      const closing = handle;
      handle = undefined;
      await closing.close();
      await fsp.rename(tmpPath, join(shardDir, blobId));
      if (opts.durable) await syncDirectory(shardDir);
      return { blobId, size };
    } catch (err) {
      await inFlight.catch(() => undefined);
      if (handle !== undefined) await handle.close().catch(() => undefined);
      await fsp.rm(tmpPath, { force: true }).catch(() => undefined);
      throw err; // unchanged: the server maps the source's own error
    }
  }

  return {
    write,
    read(blobId, range) {
      const path = pathOf(blobId);
      // A whole-blob read learns its size first (one stat), so small blobs take the sync path
      // and large ones get an exact end instead of a 1 MiB buffer per read.
      let whole: { start: number; end: number };
      try {
        whole = range ?? { start: 0, end: statSync(path).size - 1 };
      } catch (err) {
        return oneChunk(blobError(err));
      }
      const { start, end } = whole;
      const length = end - start + 1;
      if (length <= INLINE_LIMIT) return oneChunk(readSmall(path, start, length));
      return new BlobReadStream(path, start, end, Math.min(READ_CHUNK, length));
    },
    readSync(blobId, start, end) {
      const result = readSmall(pathOf(blobId), start, end - start + 1);
      if (result instanceof Error) throw result;
      return result;
    },
    async size(blobId) {
      try {
        return (await fsp.stat(pathOf(blobId))).size;
      } catch (err) {
        if (isMissing(err)) throw new StorageError('BlobMissing', `blob ${blobId} missing`);
        throw err;
      }
    },
    async delete(blobId) {
      try {
        unlinkSync(pathOf(blobId)); // a metadata-only syscall: cheaper than a thread-pool hop
      } catch (err) {
        if (!isMissing(err)) throw err; // already gone: deletes are idempotent
      }
    },
    /** Meant for startup, before writes begin: in-flight temp files are removed too. */
    async sweep(live) {
      let removed = 0;
      for (const name of await fsp.readdir(tmpDir)) {
        await fsp.rm(join(tmpDir, name), { force: true, recursive: true });
        removed++;
      }
      for (const shard of shards) {
        const shardDir = join(blobsDir, shard);
        for (const name of await fsp.readdir(shardDir)) {
          if (live.has(name)) continue;
          await fsp.rm(join(shardDir, name), { force: true, recursive: true });
          removed++;
        }
      }
      return removed;
    },
  };
}
