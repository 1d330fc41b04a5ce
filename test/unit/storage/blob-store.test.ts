import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { openBlobStore } from '../../../storage/blob-store';
import type { BlobStore } from '../../../storage/contracts';
import { StorageError } from '../../../storage/types';

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile()).map((e) => e.name);
}

describe('storage: blob store', () => {
  let dir = '';
  let blobs: BlobStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 's3emu-blobs-'));
    blobs = await openBlobStore(dir, { durable: false });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const sources: { name: string; make: () => Readable | AsyncIterable<Buffer>; bytes: Buffer }[] = (() => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    const text = Buffer.from('hello, world');
    return [
      { name: 'a Readable', make: () => Readable.from([text]), bytes: text },
      { name: 'an async iterable', make: () => (async function* () { yield text.subarray(0, 5); yield text.subarray(5); })(), bytes: text },
      { name: 'an empty source', make: () => Readable.from([]), bytes: Buffer.alloc(0) },
      { name: 'many small chunks (batched writes)', make: () => Readable.from(Array.from({ length: 5000 }, (_, i) => Buffer.from([i % 256]))),
        bytes: Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 256)) },
      { name: 'a 3 MiB source in 64 KiB chunks', make: () => Readable.from((function* () {
        for (let o = 0; o < big.length; o += 65536) yield big.subarray(o, o + 65536);
      })()), bytes: big },
    ];
  })();
  for (const s of sources) {
    it(`writes and reads back ${s.name}`, async () => {
      const r = await blobs.write(s.make());
      expect(r.size).to.equal(s.bytes.length);
      expect(r.blobId).to.match(/^[0-9a-f]{32}$/);
      expect((await collect(blobs.read(r.blobId))).equals(s.bytes)).to.equal(true);
      expect(await blobs.size(r.blobId)).to.equal(s.bytes.length);
      expect(existsSync(join(dir, 'blobs', r.blobId.slice(0, 2), r.blobId))).to.equal(true);
      expect(readdirSync(join(dir, 'tmp'))).to.deep.equal([]);
    });
  }

  const ranges: { name: string; start: number; end: number; want: string }[] = [
    { name: 'first byte', start: 0, end: 0, want: '0' },
    { name: 'middle', start: 3, end: 6, want: '3456' },
    { name: 'to the end', start: 7, end: 9, want: '789' },
  ];
  for (const r of ranges) {
    it(`reads an inclusive range: ${r.name}`, async () => {
      const { blobId } = await blobs.write(Readable.from([Buffer.from('0123456789')]));
      expect((await collect(blobs.read(blobId, { start: r.start, end: r.end }))).toString()).to.equal(r.want);
    });
  }

  const missingReads: { name: string; range?: { start: number; end: number } }[] = [
    { name: 'whole blob' }, { name: 'small range', range: { start: 0, end: 9 } },
    { name: 'large range (streamed)', range: { start: 0, end: 8 * 1024 * 1024 } },
  ];
  for (const m of missingReads) {
    it(`reading a missing blob errors on the stream with StorageError BlobMissing: ${m.name}`, async () => {
      const err = await collect(blobs.read('0'.repeat(32), m.range)).then(() => undefined, (e: unknown) => e);
      expect(err).to.be.instanceOf(StorageError).with.property('tag', 'BlobMissing');
    });
  }

  it('size of a missing blob throws StorageError BlobMissing', async () => {
    const sizeErr = await blobs.size('0'.repeat(32)).then(() => undefined, (e: unknown) => e);
    expect(sizeErr).to.be.instanceOf(StorageError).with.property('tag', 'BlobMissing');
  });

  for (const bad of ['../x', '..', 'AB'.repeat(16), `${'0'.repeat(31)}/`]) {
    it(`refuses a malformed blob id before touching a path: ${JSON.stringify(bad)}`, () => {
      expect(() => blobs.read(bad)).to.throw(StorageError);
    });
  }

  it('streams to disk while the source is still producing (memory does not grow with size)', async () => {
    const tmpSizes: number[] = [];
    const source = (async function* () {
      for (let i = 0; i < 64; i++) {
        if (i === 32) {
          // 2 MiB produced so far: all but the last (≤ 256 KiB) batch must already be on disk.
          const [name] = readdirSync(join(dir, 'tmp'));
          tmpSizes.push(name === undefined ? 0 : statSync(join(dir, 'tmp', name)).size);
        }
        yield Buffer.alloc(64 * 1024, i);
      }
    })();
    const { size } = await blobs.write(source);
    expect(size).to.equal(4 * 1024 * 1024);
    expect(tmpSizes[0]).to.be.at.least(2 * 1024 * 1024 - 256 * 1024);
  });

  it('delete removes the blob and is idempotent', async () => {
    const { blobId } = await blobs.write(Readable.from([Buffer.from('x')]));
    await blobs.delete(blobId);
    await blobs.delete(blobId);
    expect(allFiles(dir)).to.deep.equal([]);
  });

  it('a source that errors mid-stream leaves no blob and no temp file, and the error is rethrown unchanged', async () => {
    const boom = new Error('client went away');
    const source = new Readable({ read() { /* pushed below */ } });
    source.push(Buffer.alloc(300 * 1024, 1)); // past one write batch, so a temp file has data
    setTimeout(() => source.destroy(boom), 10);
    const err = await blobs.write(source).then(() => undefined, (e: unknown) => e);
    expect(err).to.equal(boom);
    expect(allFiles(dir)).to.deep.equal([]);
  });

  it('an async iterable that throws is handled the same way', async () => {
    const boom = new Error('bad digest');
    const source = (async function* () { yield Buffer.from('partial'); throw boom; })();
    expect(await blobs.write(source).then(() => undefined, (e: unknown) => e)).to.equal(boom);
    expect(allFiles(dir)).to.deep.equal([]);
  });

  it('durable mode writes and reads the same', async () => {
    const durable = await openBlobStore(dir, { durable: true });
    const { blobId } = await durable.write(Readable.from([Buffer.from('sync me')]));
    expect((await collect(durable.read(blobId))).toString()).to.equal('sync me');
  });

  it('uses the injected random source for ids', async () => {
    const fixed = await openBlobStore(dir, { durable: false, random: (n) => Buffer.alloc(n, 0xab) });
    expect((await fixed.write(Readable.from([Buffer.from('x')]))).blobId).to.equal('ab'.repeat(16));
  });

  it('sweep removes temp files and orphans, keeps live blobs', async () => {
    const live = await blobs.write(Readable.from([Buffer.from('live')]));
    const orphan = await blobs.write(Readable.from([Buffer.from('orphan')]));
    writeFileSync(join(dir, 'tmp', 'leftover'), 'x');
    writeFileSync(join(dir, 'blobs', '00', 'stray-file'), 'x');
    expect(await blobs.sweep(new Set([live.blobId]))).to.equal(3);
    expect(allFiles(dir)).to.deep.equal([live.blobId]);
    expect(await blobs.size(orphan.blobId).catch((e: unknown) => e)).to.be.instanceOf(StorageError);
  });
});
