import { expect } from 'chai';
import type { MetadataStore } from '../../../storage/contracts';
import { StorageError, type MultipartUpload, type UploadedPart } from '../../../storage/types';
import { newStore, obj, T0 } from './fixtures';

const at = (ms: number): Date => new Date(T0.getTime() + ms);

function upload(uploadId: string, key: string, initiatedMs = 0): MultipartUpload {
  return {
    uploadId, bucket: 'b', key, initiated: at(initiatedMs), ownerId: 'owner', storageClass: 'STANDARD',
    headers: { contentType: 'a/b' }, userMetadata: { m: '1' }, tags: [], checksumAlgorithm: 'CRC32C',
    encryption: { mode: 'SSE-S3' },
  };
}

function part(uploadId: string, partNumber: number, blobId: string): UploadedPart {
  return { uploadId, partNumber, blobId, size: 5, etag: `"e${partNumber}"`, lastModified: T0, checksums: { CRC32C: 'x' } };
}

function withParts(store: MetadataStore, uploadId: string, key: string, n: number): void {
  store.createUpload(upload(uploadId, key));
  for (let i = 1; i <= n; i++) store.putPart(part(uploadId, i, `p${uploadId}-${i}`));
}

describe('storage: multipart', () => {
  it('round-trips an upload and its parts', () => {
    const store = newStore();
    withParts(store, 'u1', 'k', 2);
    expect(store.getUpload('u1')).to.deep.equal(upload('u1', 'k'));
    expect(store.getPart('u1', 2)).to.deep.equal(part('u1', 2, 'pu1-2'));
    expect(store.allParts('u1').map((p) => p.partNumber)).to.deep.equal([1, 2]);
  });

  it('replacing a part returns the old blob as garbage', () => {
    const store = newStore();
    withParts(store, 'u1', 'k', 1);
    expect(store.putPart(part('u1', 1, 'new'))).to.deep.equal({ garbageBlobIds: ['pu1-1'] });
    expect(store.getPart('u1', 1)?.blobId).to.equal('new');
  });

  it('listParts pages by part number', () => {
    const store = newStore();
    withParts(store, 'u1', 'k', 5);
    const first = store.listParts('u1', { maxParts: 2 });
    expect(first.parts.map((p) => p.partNumber)).to.deep.equal([1, 2]);
    expect(first).to.include({ isTruncated: true, nextPartNumberMarker: 2 });
    const last = store.listParts('u1', { maxParts: 5, partNumberMarker: 3 });
    expect(last.parts.map((p) => p.partNumber)).to.deep.equal([4, 5]);
    expect(last.isTruncated).to.equal(false);
  });

  const errors: { name: string; act: (s: MetadataStore) => unknown; tag: string }[] = [
    { name: 'part for a missing upload', act: (s) => s.putPart(part('nope', 1, 'x')), tag: 'NoSuchUpload' },
    { name: 'abort of a missing upload', act: (s) => s.abortUpload('nope'), tag: 'NoSuchUpload' },
    { name: 'complete of a missing upload', act: (s) => s.completeUpload('nope', obj('k'), [1], T0), tag: 'NoSuchUpload' },
    { name: 'upload in a missing bucket', act: (s) => s.createUpload({ ...upload('u', 'k'), bucket: 'nope' }), tag: 'NoSuchBucket' },
  ];
  for (const e of errors) {
    it(`throws ${e.tag}: ${e.name}`, () => {
      expect(() => e.act(newStore())).to.throw(StorageError).with.property('tag', e.tag);
    });
  }

  it('complete with a concatenated blob: object written, upload gone, all part blobs garbage', () => {
    const store = newStore();
    withParts(store, 'u1', 'k', 3);
    const r = store.completeUpload('u1', obj('k', 'whole', { parts: [{ partNumber: 1, size: 5, etag: '"e1"' }] }), [1], T0);
    expect(r.version.versionId).to.equal('null');
    expect([...r.garbageBlobIds].sort()).to.deep.equal(['pu1-1', 'pu1-2', 'pu1-3']);
    expect(store.getUpload('u1')).to.equal(undefined);
    expect(store.allParts('u1')).to.deep.equal([]);
    expect(store.getObject('b', 'k')?.blobId).to.equal('blob-whole');
    expect([...store.allBlobIds()]).to.deep.equal(['blob-whole']);
  });

  it('complete keeping part blobs: referenced parts stay live, unused ones are garbage', () => {
    const store = newStore();
    withParts(store, 'u1', 'k', 3);
    const parts = [1, 3].map((n) => ({ partNumber: n, size: 5, etag: `"e${n}"`, blobId: `pu1-${n}` }));
    const r = store.completeUpload('u1', obj('k', 'mp', { blobId: null, parts }), [1, 3], T0);
    expect(r.garbageBlobIds).to.deep.equal(['pu1-2']);
    expect([...store.allBlobIds()].sort()).to.deep.equal(['pu1-1', 'pu1-3']);
    // Deleting the object later frees every part blob it referenced.
    expect(store.deleteObject('b', 'k', undefined, T0, 'o').garbageBlobIds).to.deep.equal(['pu1-1', 'pu1-3']);
  });

  it('complete replacing a null version also returns the old blob', () => {
    const store = newStore();
    store.putObject(obj('k', 'old'), T0);
    withParts(store, 'u1', 'k', 1);
    const r = store.completeUpload('u1', obj('k', 'new'), [1], T0);
    expect([...r.garbageBlobIds].sort()).to.deep.equal(['blob-old', 'pu1-1']);
  });

  it('complete is atomic: a failure leaves the upload, its parts and existing objects untouched', () => {
    const store = newStore();
    store.putObject(obj('k', 'old'), T0);
    withParts(store, 'u1', 'k', 2);
    expect(() => store.completeUpload('u1', { ...obj('k', 'new'), bucket: 'missing' }, [1, 2], T0))
      .to.throw(StorageError).with.property('tag', 'NoSuchBucket');
    expect(store.getUpload('u1')).to.not.equal(undefined);
    expect(store.allParts('u1')).to.have.length(2);
    expect(store.getObject('b', 'k')?.etag).to.equal('"old"');
  });

  it('complete in a versioned bucket adds a new version', () => {
    const store = newStore('Enabled');
    store.putObject(obj('k', 'v1'), T0);
    withParts(store, 'u1', 'k', 1);
    const r = store.completeUpload('u1', obj('k', 'v2'), [1], T0);
    expect(r.version.versionId).to.not.equal('null');
    expect(store.listObjectVersions('b', { maxKeys: 10 }).versions.map((v) => v.etag)).to.deep.equal(['"v2"', '"v1"']);
  });

  it('abort removes the upload and returns its part blobs', () => {
    const store = newStore();
    withParts(store, 'u1', 'k', 2);
    expect(store.abortUpload('u1')).to.deep.equal({ garbageBlobIds: ['pu1-1', 'pu1-2'] });
    expect(store.getUpload('u1')).to.equal(undefined);
    expect(store.getPart('u1', 1)).to.equal(undefined);
  });

  describe('listUploads', () => {
    function seeded(): MetadataStore {
      const store = newStore();
      store.createUpload(upload('u-b-late', 'b', 20));
      store.createUpload(upload('u-a', 'a', 50));
      store.createUpload(upload('u-b-early', 'b', 10));
      store.createUpload(upload('u-b-same', 'b', 20)); // same ms as u-b-late: creation order breaks the tie
      store.createUpload(upload('u-d1', 'd/1', 0));
      store.createUpload(upload('u-d2', 'd/2', 0));
      return store;
    }
    const cases: { name: string; opts: Record<string, string | number>; ids: string[]; prefixes?: string[]; next?: [string, string?] }[] = [
      { name: 'by key then initiation', opts: {}, ids: ['u-a', 'u-b-early', 'u-b-late', 'u-b-same', 'u-d1', 'u-d2'] },
      { name: 'delimiter', opts: { delimiter: '/' }, ids: ['u-a', 'u-b-early', 'u-b-late', 'u-b-same'], prefixes: ['d/'] },
      { name: 'prefix', opts: { prefix: 'd/' }, ids: ['u-d1', 'u-d2'] },
      { name: 'truncation markers', opts: { maxUploads: 2 }, ids: ['u-a', 'u-b-early'], next: ['b', 'u-b-early'] },
      { name: 'keyMarker + uploadIdMarker', opts: { keyMarker: 'b', uploadIdMarker: 'u-b-early' }, ids: ['u-b-late', 'u-b-same', 'u-d1', 'u-d2'] },
      { name: 'keyMarker alone skips that key', opts: { keyMarker: 'b' }, ids: ['u-d1', 'u-d2'] },
      { name: 'truncated on a prefix', opts: { delimiter: '/', maxUploads: 5 }, ids: ['u-a', 'u-b-early', 'u-b-late', 'u-b-same'], prefixes: ['d/'] },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const r = seeded().listUploads('b', { maxUploads: 1000, ...c.opts });
        expect(r.uploads.map((u) => u.uploadId)).to.deep.equal(c.ids);
        expect(r.commonPrefixes).to.deep.equal(c.prefixes ?? []);
        expect(r.isTruncated).to.equal(c.next !== undefined);
        if (c.next) expect([r.nextKeyMarker, r.nextUploadIdMarker]).to.deep.equal(c.next);
      });
    }
  });
});
