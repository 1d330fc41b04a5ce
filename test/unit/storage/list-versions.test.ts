import { expect } from 'chai';
import type { MetadataStore } from '../../../storage/contracts';
import type { ListVersionsOptions } from '../../../storage/types';
import { newStore, obj, T0 } from './fixtures';

/** Versioned bucket: a (3 versions), a/x (2: version + marker), b (null + 1), c/1, c/2 (1 each). */
function seed(): { store: MetadataStore; ids: Map<string, string> } {
  const store = newStore();
  const ids = new Map<string, string>();
  store.putObject(obj('b', 'b0'), T0); // null version, before versioning
  store.setVersioning('b', 'Enabled');
  const put = (key: string, tag: string): void => {
    ids.set(tag, store.putObject(obj(key, tag), T0).version.versionId);
  };
  put('a', 'a1'); put('a', 'a2'); put('a', 'a3');
  put('a/x', 'x1');
  ids.set('xdm', store.deleteObject('b', 'a/x', undefined, T0, 'o').deleteMarker?.versionId ?? '');
  put('b', 'b1'); put('c/1', 'c1'); put('c/2', 'c2');
  return { store, ids };
}

const label = (v: { key: string; etag: string; isDeleteMarker: boolean }): string =>
  `${v.key}:${v.isDeleteMarker ? 'DM' : v.etag.replace(/"/g, '')}`;

interface Case {
  readonly name: string;
  readonly opts: (ids: Map<string, string>) => Omit<ListVersionsOptions, 'maxKeys'> & { maxKeys?: number };
  readonly versions: readonly string[];
  readonly prefixes?: readonly string[];
  readonly next?: readonly [string, string | undefined];
}

const cases: Case[] = [
  { name: 'key ascending, newest first, markers included', opts: () => ({}),
    versions: ['a:a3', 'a:a2', 'a:a1', 'a/x:DM', 'a/x:x1', 'b:b1', 'b:b0', 'c/1:c1', 'c/2:c2'] },
  { name: 'prefix', opts: () => ({ prefix: 'a/' }), versions: ['a/x:DM', 'a/x:x1'] },
  { name: 'delimiter rolls up', opts: () => ({ delimiter: '/' }),
    versions: ['a:a3', 'a:a2', 'a:a1', 'b:b1', 'b:b0'], prefixes: ['a/', 'c/'] },
  { name: 'truncates inside one key\'s versions', opts: () => ({ maxKeys: 2 }),
    versions: ['a:a3', 'a:a2'], next: ['a', 'a2'] },
  { name: 'keyMarker alone starts after that key', opts: () => ({ keyMarker: 'a' }),
    versions: ['a/x:DM', 'a/x:x1', 'b:b1', 'b:b0', 'c/1:c1', 'c/2:c2'] },
  { name: 'keyMarker + versionIdMarker continues with older versions of that key', opts: (ids) => ({
    keyMarker: 'a', versionIdMarker: ids.get('a3'), maxKeys: 3 }),
  versions: ['a:a2', 'a:a1', 'a/x:DM'], next: ['a/x', 'xdm'] },
  { name: 'versionIdMarker null', opts: () => ({ keyMarker: 'b', versionIdMarker: 'null' }),
    versions: ['c/1:c1', 'c/2:c2'] },
  { name: 'truncated on a common prefix', opts: () => ({ delimiter: '/', maxKeys: 4 }),
    versions: ['a:a3', 'a:a2', 'a:a1'], prefixes: ['a/'], next: ['a/', undefined] },
  { name: 'keyMarker equal to a common prefix skips it', opts: () => ({ delimiter: '/', keyMarker: 'a/' }),
    versions: ['b:b1', 'b:b0'], prefixes: ['c/'] },
];

describe('storage: listObjectVersions', () => {
  for (const c of cases) {
    it(c.name, () => {
      const { store, ids } = seed();
      const r = store.listObjectVersions('b', { maxKeys: 1000, ...c.opts(ids) });
      expect(r.versions.map(label)).to.deep.equal(c.versions);
      expect(r.commonPrefixes).to.deep.equal(c.prefixes ?? []);
      expect(r.isTruncated).to.equal(c.next !== undefined);
      if (c.next) {
        expect(r.nextKeyMarker).to.equal(c.next[0]);
        const id = c.next[1];
        expect(r.nextVersionIdMarker).to.equal(id === undefined ? undefined : ids.get(id) ?? id);
      }
    });
  }

  it('the null version is listed with id null and latest flags are exact', () => {
    const { store } = seed();
    const b = store.listObjectVersions('b', { prefix: 'b', maxKeys: 10 }).versions;
    expect(b.map((v) => [v.versionId === 'null', v.isLatest])).to.deep.equal([[false, true], [true, false]]);
  });

  for (const maxKeys of [1, 2, 3, 4]) {
    it(`paging by next markers returns every version once (maxKeys ${maxKeys})`, () => {
      const { store } = seed();
      const all = store.listObjectVersions('b', { maxKeys: 1000 }).versions.map((v) => `${v.key}@${v.versionId}`);
      const seen: string[] = [];
      let markers: { keyMarker?: string; versionIdMarker?: string } = {};
      for (let i = 0; i < 50; i++) {
        const r = store.listObjectVersions('b', { maxKeys, ...markers });
        seen.push(...r.versions.map((v) => `${v.key}@${v.versionId}`));
        if (!r.isTruncated) break;
        markers = { keyMarker: r.nextKeyMarker, versionIdMarker: r.nextVersionIdMarker };
      }
      expect(seen).to.deep.equal(all);
    });
  }
});
