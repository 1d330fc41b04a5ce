import { expect } from 'chai';
import type { MetadataStore } from '../../../storage/contracts';
import { StorageError, type VersioningState } from '../../../storage/types';
import { newStore, obj, T0, versionsOf } from './fixtures';

type Op =
  | { put: string } // etag/blob tag
  | { del: true }
  | { delVersion: number } // index into the current version list, newest first
  | { delId: string }
  | { state: VersioningState };

interface Case {
  readonly name: string;
  readonly ops: readonly Op[];
  readonly versions: readonly string[];
  /** Garbage returned by the last op. */
  readonly garbage?: readonly string[];
  /** Extra check on the last op's result. */
  readonly last?: (result: unknown) => void;
}

function run(store: MetadataStore, op: Op): unknown {
  if ('put' in op) return store.putObject(obj('k', op.put), T0);
  if ('del' in op) return store.deleteObject('b', 'k', undefined, T0, 'owner');
  if ('state' in op) return store.setVersioning('b', op.state);
  if ('delId' in op) return store.deleteObject('b', 'k', op.delId, T0, 'owner');
  const all = store.listObjectVersions('b', { maxKeys: 100 }).versions;
  return store.deleteObject('b', 'k', all[op.delVersion]?.versionId, T0, 'owner');
}

const cases: Case[] = [
  { name: 'unversioned put writes the null version', ops: [{ put: 'a' }], versions: ['null:a*'], garbage: [] },
  { name: 'unversioned overwrite replaces the null version; old blob is garbage',
    ops: [{ put: 'a' }, { put: 'b' }], versions: ['null:b*'], garbage: ['blob-a'] },
  { name: 'unversioned delete removes the null version, no marker',
    ops: [{ put: 'a' }, { del: true }], versions: [], garbage: ['blob-a'] },
  { name: 'unversioned delete of a missing key is a no-op', ops: [{ del: true }], versions: [], garbage: [] },
  { name: 'enabled put adds versions newest first',
    ops: [{ state: 'Enabled' }, { put: 'a' }, { put: 'b' }], versions: ['id:b*', 'id:a'], garbage: [] },
  { name: 'enabled delete adds a delete marker as latest',
    ops: [{ state: 'Enabled' }, { put: 'a' }, { del: true }], versions: ['id:DM*', 'id:a'], garbage: [],
    last: (r) => expect(r).to.have.nested.property('deleteMarker.isDeleteMarker', true) },
  { name: 'enabled delete of a missing key still adds a marker',
    ops: [{ state: 'Enabled' }, { del: true }], versions: ['id:DM*'] },
  { name: 'enabled delete twice stacks two markers',
    ops: [{ state: 'Enabled' }, { put: 'a' }, { del: true }, { del: true }], versions: ['id:DM*', 'id:DM', 'id:a'] },
  { name: 'deleting the latest version by id promotes the next newest',
    ops: [{ state: 'Enabled' }, { put: 'a' }, { put: 'b' }, { delVersion: 0 }], versions: ['id:a*'], garbage: ['blob-b'],
    last: (r) => expect(r).to.have.nested.property('removed.etag', '"b"') },
  { name: 'deleting an older version by id keeps the latest',
    ops: [{ state: 'Enabled' }, { put: 'a' }, { put: 'b' }, { delVersion: 1 }], versions: ['id:b*'], garbage: ['blob-a'] },
  { name: 'deleting the delete marker by id restores the object',
    ops: [{ state: 'Enabled' }, { put: 'a' }, { del: true }, { delVersion: 0 }], versions: ['id:a*'], garbage: [],
    last: (r) => expect(r).to.have.nested.property('removed.isDeleteMarker', true) },
  { name: 'pre-versioning object stays as the null version under Enabled',
    ops: [{ put: 'a' }, { state: 'Enabled' }, { put: 'b' }], versions: ['id:b*', 'null:a'] },
  { name: 'enabled: deleting versionId null removes the null version',
    ops: [{ put: 'a' }, { state: 'Enabled' }, { put: 'b' }, { delId: 'null' }], versions: ['id:b*'], garbage: ['blob-a'] },
  { name: 'suspended put replaces only the null version, keeping others',
    ops: [{ state: 'Enabled' }, { put: 'a' }, { state: 'Suspended' }, { put: 'b' }, { put: 'c' }],
    versions: ['null:c*', 'id:a'], garbage: ['blob-b'] },
  { name: 'suspended put replaces an older null version and becomes latest',
    ops: [{ put: 'n' }, { state: 'Enabled' }, { put: 'a' }, { state: 'Suspended' }, { put: 'b' }],
    versions: ['null:b*', 'id:a'], garbage: ['blob-n'] },
  { name: 'suspended delete adds a null delete marker replacing the null version',
    ops: [{ state: 'Enabled' }, { put: 'a' }, { state: 'Suspended' }, { put: 'b' }, { del: true }],
    versions: ['null:DM*', 'id:a'], garbage: ['blob-b'],
    last: (r) => {
      expect(r).to.have.nested.property('deleteMarker.versionId', 'null');
      expect(r).to.have.nested.property('removed.etag', '"b"');
    } },
  { name: 'suspended delete without a null version adds a null marker',
    ops: [{ state: 'Enabled' }, { put: 'a' }, { state: 'Suspended' }, { del: true }], versions: ['null:DM*', 'id:a'], garbage: [] },
  { name: 'suspended delete twice keeps one null marker',
    ops: [{ state: 'Suspended' }, { del: true }, { del: true }], versions: ['null:DM*'] },
  { name: 'suspended put over a null marker replaces it',
    ops: [{ state: 'Suspended' }, { del: true }, { put: 'a' }], versions: ['null:a*'] },
  { name: 're-enabled after suspended adds new ids above the null version',
    ops: [{ state: 'Suspended' }, { put: 'a' }, { state: 'Enabled' }, { put: 'b' }], versions: ['id:b*', 'null:a'] },
  { name: 'deleting a well-formed but unknown version id is a no-op',
    ops: [{ state: 'Enabled' }, { put: 'a' }, { delId: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }], versions: ['id:a*'], garbage: [],
    last: (r) => expect(r).to.not.have.property('removed') },
];

describe('storage: versioning state machine', () => {
  for (const c of cases) {
    it(c.name, () => {
      const store = newStore();
      let result: unknown;
      for (const op of c.ops) result = run(store, op);
      expect(versionsOf(store, 'k')).to.deep.equal(c.versions);
      if (c.garbage) expect(result).to.have.property('garbageBlobIds').that.deep.equals(c.garbage);
      c.last?.(result);
      store.close();
    });
  }

  const errors: { name: string; act: (s: MetadataStore) => unknown; tag: string }[] = [
    { name: 'malformed version id on delete', act: (s) => s.deleteObject('b', 'k', '../etc', T0, 'o'), tag: 'NoSuchVersion' },
    { name: 'put into a missing bucket', act: (s) => s.putObject({ ...obj('k'), bucket: 'nope' }, T0), tag: 'NoSuchBucket' },
    { name: 'delete in a missing bucket', act: (s) => s.deleteObject('nope', 'k', undefined, T0, 'o'), tag: 'NoSuchBucket' },
    { name: 'tagging a missing version', act: (s) => s.setObjectTags('b', 'k', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', []), tag: 'NoSuchVersion' },
    { name: 'locking a missing null version', act: (s) => s.setObjectLock('b', 'k', 'null', {}), tag: 'NoSuchKey' },
  ];
  for (const e of errors) {
    it(`throws ${e.tag}: ${e.name}`, () => {
      const store = newStore();
      expect(() => e.act(store)).to.throw(StorageError).with.property('tag', e.tag);
    });
  }

  it('getObject without versionId returns the latest, which may be a delete marker', () => {
    const store = newStore('Enabled');
    const a = store.putObject(obj('k', 'a'), T0).version;
    store.deleteObject('b', 'k', undefined, new Date(T0.getTime() + 5), 'o');
    const latest = store.getObject('b', 'k');
    expect(latest?.isDeleteMarker).to.equal(true);
    expect(latest?.lastModified.getTime()).to.equal(T0.getTime() + 5);
    expect(store.getObject('b', 'k', a.versionId)?.etag).to.equal('"a"');
    expect(store.getObject('b', 'k', a.versionId)?.isLatest).to.equal(false);
  });

  it('generates 32-char url-safe version ids', () => {
    const store = newStore('Enabled');
    const { version } = store.putObject(obj('k'), T0);
    expect(version.versionId).to.match(/^[A-Za-z0-9_-]{32}$/);
  });

  it('round-trips every stored field, tags and lock updates', () => {
    const store = newStore('Enabled');
    const full = obj('k', 'f', {
      headers: { contentType: 'text/plain', cacheControl: 'no-cache' }, userMetadata: { a: '1' },
      tags: [{ key: 't', value: 'v' }], checksums: { CRC32: 'AAAAAA==' }, checksumType: 'FULL_OBJECT',
      parts: [{ partNumber: 1, size: 1, etag: '"p"' }], encryption: { mode: 'SSE-S3', sealed: 'abc' },
      lastModified: new Date(T0.getTime() + 123),
    });
    const { version } = store.putObject(full, T0);
    store.setObjectTags('b', 'k', version.versionId, [{ key: 'x', value: 'y' }]);
    store.setObjectLock('b', 'k', version.versionId, { legalHold: true });
    const got = store.getObject('b', 'k', version.versionId);
    expect(got).to.deep.equal({
      ...full, versionId: version.versionId, isLatest: true, isDeleteMarker: false,
      tags: [{ key: 'x', value: 'y' }], lock: { legalHold: true },
    });
  });
});
