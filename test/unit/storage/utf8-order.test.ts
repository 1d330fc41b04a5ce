import { expect } from 'chai';
import { compareUtf8, keyAfter, prefixSuccessor, rollUp } from '../../../storage/utf8-order';

describe('storage: UTF-8 key order helpers', () => {
  const successors: { name: string; prefix: string; want: string | undefined }[] = [
    { name: 'ascii', prefix: 'ab', want: 'ac' },
    { name: 'two-byte', prefix: 'é', want: 'ê' },
    { name: 'astral', prefix: 'a\u{1F600}', want: 'a\u{1F601}' },
    { name: 'before the surrogate gap', prefix: '\uD7FF', want: '\uE000' },
    { name: 'trailing U+10FFFF carries', prefix: 'a\u{10FFFF}', want: 'b' },
    { name: 'all U+10FFFF has none', prefix: '\u{10FFFF}\u{10FFFF}', want: undefined },
  ];
  for (const s of successors) {
    it(`prefixSuccessor: ${s.name}`, () => {
      expect(prefixSuccessor(s.prefix)).to.equal(s.want);
    });
  }

  const orders: { name: string; a: string; b: string }[] = [
    { name: 'U+FF61 before U+1F600 (UTF-16 says the opposite)', a: '\uFF61', b: '\u{1F600}' },
    { name: 'prefix before extension', a: 'a', b: 'a\u0000' },
    { name: 'é after z', a: 'z', b: 'é' },
  ];
  for (const o of orders) {
    it(`compareUtf8: ${o.name}`, () => {
      expect(compareUtf8(o.a, o.b)).to.be.below(0);
      expect(compareUtf8(o.b, o.a)).to.be.above(0);
    });
  }

  it('keyAfter is the immediate successor', () => {
    expect(compareUtf8(keyAfter('a'), 'a')).to.be.above(0);
    expect(compareUtf8(keyAfter('a'), 'a\u0001')).to.be.below(0);
  });

  const rollUps: { name: string; key: string; prefix: string; delimiter?: string; want?: string }[] = [
    { name: 'no delimiter', key: 'a/b', prefix: '' },
    { name: 'first delimiter after the prefix', key: 'a/b/c', prefix: 'a/', delimiter: '/', want: 'a/b/' },
    { name: 'delimiter inside the prefix is ignored', key: 'a/b', prefix: 'a/', delimiter: '/' },
    { name: 'key outside the prefix', key: 'b/c', prefix: 'a', delimiter: '/' },
  ];
  for (const r of rollUps) {
    it(`rollUp: ${r.name}`, () => {
      expect(rollUp(r.key, r.prefix, r.delimiter)).to.equal(r.want);
    });
  }
});
