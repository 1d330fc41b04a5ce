import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { BlobStore, BlobWriteResult } from './contracts';
import { StorageError } from './types';

/** Blobs up to this size live in SQLite rather than in files of their own. */
export const INLINE_LIMIT = 64 * 1024;

/** Inline ids: 'i' + 31 hex, never a file name (file blobs are 32 hex). */
const INLINE_ID = /^i[0-9a-f]{31}$/;

export interface InlineBlobStoreOptions {
  readonly durable: boolean;
  readonly random?: (n: number) => Buffer;
}

/**
 * Small objects in SQLite, large ones in files. Creating, renaming and unlinking a file costs
 * far more than a row in a WAL database (and much more again on a busy disk), and most
 * objects in tests are small. The row is written in its own transaction before the
 * metadata commit, exactly like a file, so a crash between the two leaves an orphan row
 * that `sweep` removes at start.
 */
export function openInlineBlobStore(path: string, files: BlobStore, opts: InlineBlobStoreOptions): BlobStore & { close(): void } {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${opts.durable ? 'FULL' : 'NORMAL'}`);
  db.exec('CREATE TABLE IF NOT EXISTS blobs (id TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID');
  const insert = db.prepare<[string, Buffer]>('INSERT INTO blobs (id, data) VALUES (?, ?)');
  // pluck: the one column as the result, no row object per read.
  const select = db.prepare<[string], Buffer>('SELECT data FROM blobs WHERE id = ?').pluck(true);
  const remove = db.prepare<[string]>('DELETE FROM blobs WHERE id = ?');
  const allIds = db.prepare<[], { id: string }>('SELECT id FROM blobs');
  const random = opts.random ?? randomBytes;

  const dataOf = (blobId: string): Buffer => {
    const data = select.get(blobId);
    if (data === undefined) throw new StorageError('BlobMissing', 'blob missing');
    return data;
  };

  async function write(source: Readable | AsyncIterable<Buffer>): Promise<BlobWriteResult> {
    const iterator = source[Symbol.asyncIterator]();
    const head: Buffer[] = [];
    let size = 0;
    for (;;) {
      const next = await iterator.next();
      if (next.done) {
        const blobId = `i${random(16).toString('hex').slice(0, 31)}`;
        insert.run(blobId, Buffer.concat(head, size));
        return { blobId, size };
      }
      const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value as Uint8Array);
      head.push(chunk);
      size += chunk.length;
      if (size > INLINE_LIMIT) break;
    }
    // Too large to inline: the bytes read so far, then the rest of the source, go to a file.
    const rest = (async function* () {
      yield* head;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value as Uint8Array);
      }
    })();
    return files.write(rest);
  }

  return {
    write,
    read(blobId, range) {
      if (!INLINE_ID.test(blobId)) return files.read(blobId, range);
      let data: Buffer;
      try {
        data = dataOf(blobId);
      } catch (e) {
        return new Readable({ read() { this.destroy(e as Error); } });
      }
      const slice = range ? data.subarray(range.start, range.end + 1) : data;
      return Readable.from(slice.length > 0 ? [slice] : []);
    },
    readSync(blobId, start, end) {
      if (!INLINE_ID.test(blobId)) return files.readSync(blobId, start, end);
      return dataOf(blobId).subarray(start, end + 1);
    },
    async size(blobId) {
      if (!INLINE_ID.test(blobId)) return files.size(blobId);
      return dataOf(blobId).length;
    },
    async delete(blobId) {
      if (!INLINE_ID.test(blobId)) return files.delete(blobId);
      remove.run(blobId);
    },
    async sweep(live) {
      let removed = 0;
      for (const { id } of allIds.all()) {
        if (live.has(id)) continue;
        remove.run(id);
        removed++;
      }
      return removed + (await files.sweep(live));
    },
    close() {
      db.close();
    },
  };
}
