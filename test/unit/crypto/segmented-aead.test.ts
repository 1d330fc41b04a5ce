import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { decryptRange } from '../../../crypto/decrypt-range';
import { encryptStream } from '../../../crypto/encrypt-stream';
import { cipherLength, SEGMENT_SIZE, type SegmentContext } from '../../../crypto/segment-format';

const S = SEGMENT_SIZE;

async function collect(r: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of r) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

/** Feeds plaintext in uneven chunks, as sockets do. */
async function encrypt(key: Buffer, sc: SegmentContext, plain: Buffer): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < plain.length; i += 7777) chunks.push(plain.subarray(i, i + 7777));
  return collect(Readable.from(chunks).pipe(encryptStream(key, sc)));
}

const reader = (blob: Buffer) => (s: number, e: number) => Readable.from([blob.subarray(s, e + 1)]);

describe('segmented AEAD', () => {
  const key = randomBytes(32);
  const sc: SegmentContext = { context: 'bucket/key', noncePrefix: randomBytes(8) };

  for (const [name, n] of [['empty', 0], ['one_byte', 1], ['segment_minus_1', S - 1], ['segment', S], ['segment_plus_1', S + 1], ['multi_mb', 3 * 1024 * 1024 + 5]] as const) {
    it(`round_trip_${name}`, async () => {
      const plain = randomBytes(n);
      const blob = await encrypt(key, sc, plain);
      expect(blob.length).to.equal(cipherLength(n));
      // A run of 16+ plaintext bytes must not appear in the ciphertext; shorter runs can by chance
      // (one random byte is somewhere in 17 ciphertext bytes about 6% of the time).
      if (n >= 16) expect(blob.indexOf(plain.subarray(0, Math.min(n, 64)))).to.equal(-1);
      expect((await collect(decryptRange(reader(blob), { plainLength: n }, key, sc))).equals(plain)).to.equal(true);
    });
  }

  it('every_range_of_a_small_object (segment boundaries included)', async () => {
    const n = 2 * S + 10;
    const plain = randomBytes(n);
    const blob = await encrypt(key, sc, plain);
    const points = [0, 1, S - 1, S, S + 1, 2 * S - 1, 2 * S, n - 1];
    for (const start of points) {
      for (const end of points) {
        if (end < start) continue;
        const got = await collect(decryptRange(reader(blob), { plainLength: n }, key, sc, { start, end }));
        expect(got.equals(plain.subarray(start, end + 1)), `${start}-${end}`).to.equal(true);
      }
    }
  });

  it('range_reads_only_the_covered_segments', async () => {
    const n = 4 * S;
    const blob = await encrypt(key, sc, randomBytes(n));
    const asked: Array<[number, number]> = [];
    const spy = (s: number, e: number) => { asked.push([s, e]); return reader(blob)(s, e); };
    await collect(decryptRange(spy, { plainLength: n }, key, sc, { start: S + 5, end: S + 10 }));
    expect(asked).to.deep.equal([[S + 16, 2 * (S + 16) - 1]]);
  });

  const failures: Array<{ name: string; mutate: (b: Buffer) => Buffer; sc?: SegmentContext }> = [
    { name: 'flipped_byte_first_segment', mutate: (b) => { const c = Buffer.from(b); c[10] ^= 1; return c; } },
    { name: 'flipped_byte_last_tag', mutate: (b) => { const c = Buffer.from(b); c[c.length - 1] ^= 1; return c; } },
    { name: 'truncated_at_segment_boundary', mutate: (b) => b.subarray(0, S + 16) },
    { name: 'truncated_mid_segment', mutate: (b) => b.subarray(0, b.length - 100) },
    { name: 'segments_swapped', mutate: (b) => Buffer.concat([b.subarray(S + 16, 2 * (S + 16)), b.subarray(0, S + 16), b.subarray(2 * (S + 16))]) },
    { name: 'moved_to_other_context', mutate: (b) => b, sc: { context: 'bucket/other-key', noncePrefix: sc.noncePrefix } },
  ];
  for (const fcase of failures) {
    it(`detects_${fcase.name}`, async () => {
      const n = 2 * S + 100;
      const blob = fcase.mutate(await encrypt(key, sc, randomBytes(n)));
      const out: Buffer[] = [];
      let err: unknown;
      try {
        for await (const c of decryptRange(reader(blob), { plainLength: n }, key, fcase.sc ?? sc)) out.push(c as Buffer);
      } catch (e) {
        err = e;
      }
      expect(err).to.have.property('code', 'IntegrityError');
      if (fcase.name.startsWith('flipped_byte_first') || fcase.sc) expect(out).to.have.length(0);
    });
  }

  it('a final segment cannot be passed off as a middle one (truncation to a whole segment)', async () => {
    const blob = await encrypt(key, sc, randomBytes(2 * S));
    let err: unknown;
    try { await collect(decryptRange(reader(blob.subarray(0, S + 16)), { plainLength: S }, key, sc)); } catch (e) { err = e; }
    expect(err).to.have.property('code', 'IntegrityError');
  });

  it('64 MiB encrypts and decrypts at hundreds of MiB/s', async function () {
    this.timeout(60000);
    const plain = randomBytes(64 * 1024 * 1024);
    const t0 = process.hrtime.bigint();
    const blob = await collect(Readable.from([plain.subarray(0, 32 << 20), plain.subarray(32 << 20)]).pipe(encryptStream(key, sc)));
    const t1 = process.hrtime.bigint();
    const back = await collect(decryptRange(reader(blob), { plainLength: plain.length }, key, sc));
    const t2 = process.hrtime.bigint();
    expect(back.equals(plain)).to.equal(true);
    const mibs = (ns: bigint) => 64 / (Number(ns) / 1e9);
    // Generous floor so CI noise does not flake; typical is far higher.
    expect(mibs(t1 - t0)).to.be.greaterThan(100);
    expect(mibs(t2 - t1)).to.be.greaterThan(100);
    console.log(`      encrypt ${mibs(t1 - t0).toFixed(0)} MiB/s, decrypt ${mibs(t2 - t1).toFixed(0)} MiB/s`);
  });
});
