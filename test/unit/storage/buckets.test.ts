import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { MetadataStore } from '../../../storage/contracts';
import { MIGRATIONS } from '../../../storage/migrations';
import { openMetadataStore } from '../../../storage/sqlite-metadata-store';
import { StorageError } from '../../../storage/types';
import { newStore, obj, T0 } from './fixtures';

const bucket = (name: string, accountId = 'acct') =>
  ({ name, accountId, region: 'eu-west-1', createdAt: T0, objectLockEnabled: name.endsWith('lock') });

describe('storage: buckets', () => {
  it('creates, gets and lists buckets by name, optionally per account', () => {
    const store = newStore();
    store.createBucket(bucket('zz', 'other'));
    const created = store.createBucket(bucket('a-lock'));
    expect(created).to.deep.equal({ ...bucket('a-lock'), versioning: 'Unversioned' });
    expect(store.getBucket('a-lock')).to.deep.equal(created);
    expect(store.getBucket('none')).to.equal(undefined);
    expect(store.listBuckets().map((b) => b.name)).to.deep.equal(['a-lock', 'b', 'zz']);
    expect(store.listBuckets('other').map((b) => b.name)).to.deep.equal(['zz']);
  });

  it('a bucket can be created with versioning already on (Object Lock buckets)', () => {
    const store = newStore();
    expect(store.createBucket({ ...bucket('v-lock'), versioning: 'Enabled' }).versioning).to.equal('Enabled');
  });

  const errors: { name: string; act: (s: MetadataStore) => unknown; tag: string }[] = [
    { name: 'creating an existing bucket', act: (s) => s.createBucket(bucket('b')), tag: 'BucketExists' },
    { name: 'deleting a missing bucket', act: (s) => s.deleteBucket('none'), tag: 'NoSuchBucket' },
    { name: 'versioning a missing bucket', act: (s) => s.setVersioning('none', 'Enabled'), tag: 'NoSuchBucket' },
    { name: 'config on a missing bucket', act: (s) => s.setBucketConfig('none', 'policy', {}), tag: 'NoSuchBucket' },
    { name: 'deleting with an object', act: (s) => { s.putObject(obj('k'), T0); s.deleteBucket('b'); }, tag: 'BucketNotEmpty' },
    { name: 'deleting with only an old version', act: (s) => {
      s.setVersioning('b', 'Enabled'); s.putObject(obj('k'), T0);
      s.deleteObject('b', 'k', undefined, T0, 'o'); // latest is now a marker; the version remains
      const dm = s.getObject('b', 'k');
      s.deleteObject('b', 'k', dm?.versionId, T0, 'o');
      s.deleteObject('b', 'k', undefined, T0, 'o');
      s.deleteBucket('b');
    }, tag: 'BucketNotEmpty' },
    { name: 'deleting with only a delete marker', act: (s) => {
      s.setVersioning('b', 'Enabled'); s.deleteObject('b', 'k', undefined, T0, 'o'); s.deleteBucket('b');
    }, tag: 'BucketNotEmpty' },
    { name: 'deleting with an upload in progress', act: (s) => {
      s.createUpload({ uploadId: 'u', bucket: 'b', key: 'k', initiated: T0, ownerId: 'o', storageClass: 'STANDARD', headers: {}, userMetadata: {}, tags: [] });
      s.deleteBucket('b');
    }, tag: 'BucketNotEmpty' },
  ];
  for (const e of errors) {
    it(`throws ${e.tag}: ${e.name}`, () => {
      expect(() => e.act(newStore())).to.throw(StorageError).with.property('tag', e.tag);
    });
  }

  it('deletes an emptied bucket together with its configs', () => {
    const store = newStore('Enabled');
    const v = store.putObject(obj('k'), T0).version;
    store.setBucketConfig('b', 'policy', { Version: '2012-10-17' });
    store.deleteObject('b', 'k', v.versionId, T0, 'o');
    store.deleteBucket('b');
    expect(store.getBucket('b')).to.equal(undefined);
    store.createBucket(bucket('b'));
    expect(store.getBucketConfig('b', 'policy')).to.equal(undefined);
  });

  it('stores, replaces and deletes configs per kind', () => {
    const store = newStore();
    store.setBucketConfig('b', 'encryption', { rules: [{ algo: 'AES256' }] });
    store.setBucketConfig('b', 'tagging', [{ key: 'a', value: 'b' }]);
    store.setBucketConfig('b', 'encryption', { rules: [{ algo: 'aws:kms' }] });
    expect(store.getBucketConfig('b', 'encryption')).to.deep.equal({ rules: [{ algo: 'aws:kms' }] });
    expect(store.getBucketConfig('b', 'tagging')).to.deep.equal([{ key: 'a', value: 'b' }]);
    store.setBucketConfig('b', 'encryption', null);
    expect(store.getBucketConfig('b', 'encryption')).to.equal(undefined);
    store.setBucketConfig('b', 'policy', 'raw policy text');
    expect(store.getBucketConfig<string>('b', 'policy')).to.equal('raw policy text');
  });

  it('allBlobIds covers object versions, markers excluded, and parts', () => {
    const store = newStore('Enabled');
    store.putObject(obj('k', '1'), T0);
    store.putObject(obj('k', '2'), T0);
    store.deleteObject('b', 'k', undefined, T0, 'o');
    store.putObject(obj('empty', 'e', { blobId: null, size: 0 }), T0);
    store.createUpload({ uploadId: 'u', bucket: 'b', key: 'k', initiated: T0, ownerId: 'o', storageClass: 'STANDARD', headers: {}, userMetadata: {}, tags: [] });
    store.putPart({ uploadId: 'u', partNumber: 1, blobId: 'part', size: 1, etag: '"p"', lastModified: T0, checksums: {} });
    expect([...store.allBlobIds()].sort()).to.deep.equal(['blob-1', 'blob-2', 'part']);
  });
});

describe('storage: persistence and migrations', () => {
  let dir = '';
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 's3emu-meta-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reopening the same file keeps buckets, versions, configs and uploads', () => {
    const path = join(dir, 'meta.db');
    const first = newStore('Enabled', path);
    const v1 = first.putObject(obj('k', '1'), T0).version;
    first.setBucketConfig('b', 'policy', { a: 1 });
    first.createUpload({ uploadId: 'u', bucket: 'b', key: 'k', initiated: T0, ownerId: 'o', storageClass: 'STANDARD', headers: {}, userMetadata: {}, tags: [] });
    first.close();

    const again = openMetadataStore(path);
    expect(again.getBucket('b')?.versioning).to.equal('Enabled');
    expect(again.getObject('b', 'k', v1.versionId)?.etag).to.equal('"1"');
    expect(again.getBucketConfig('b', 'policy')).to.deep.equal({ a: 1 });
    expect(again.getUpload('u')?.key).to.equal('k');
    // Ordering survives the reopen: a new version is newer than every old one.
    again.putObject(obj('k', '2'), T0);
    again.deleteObject('b', 'k', again.getObject('b', 'k')?.versionId, T0, 'o');
    expect(again.getObject('b', 'k')?.etag).to.equal('"1"');
    again.close();
  });

  it('records the schema version and uses WAL with foreign keys', () => {
    const path = join(dir, 'meta.db');
    openMetadataStore(path).close();
    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).to.equal(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).to.equal('wal');
    db.close();
  });

  it('refuses a database from a newer build', () => {
    const path = join(dir, 'meta.db');
    const db = new Database(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openMetadataStore(path)).to.throw(/newer/);
  });
});
