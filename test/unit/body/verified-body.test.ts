import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { sha256Hex } from '../../../server/auth/sigv4/hash';
import { createChecksumHasher, parseChecksumHeaders } from '../../../server/body/checksums';
import { readVerifiedBuffer, verifyBody, VerifyBodyOptions } from '../../../server/body/verified-body';
import { isS3Error } from '../../../server/errors/s3-error';
import type { ChecksumAlgorithm } from '../../../storage/types';

const DATA = Buffer.from('Welcome to Amazon S3.');
const b64 = (alg: ChecksumAlgorithm, d: Buffer): string => {
  const h = createChecksumHasher(alg);
  h.update(d);
  return h.digestBase64();
};

/** Drains the verified stream; returns 'ok' with the digests, or the S3 error code. */
async function run(data: Buffer[], o: VerifyBodyOptions): Promise<{ code: string; ended: boolean; out: Buffer }> {
  const v = verifyBody(Readable.from(data), o);
  const parts: Buffer[] = [];
  let ended = false;
  v.stream.on('end', () => (ended = true));
  try {
    for await (const c of v.stream) parts.push(c as Buffer);
    await v.result();
    return { code: 'ok', ended, out: Buffer.concat(parts) };
  } catch (e) {
    if (!isS3Error(e)) throw e;
    return { code: e.code, ended, out: Buffer.concat(parts) };
  }
}

const base: VerifyBodyOptions = { payload: { kind: 'unsigned' }, checksumHeaders: {} };

describe('checksums', () => {
  it('CRC32, CRC32C, SHA1, SHA256, CRC64NVME of "123456789" match the catalogued check values', () => {
    const d = Buffer.from('123456789');
    const hex = (a: ChecksumAlgorithm): string => Buffer.from(b64(a, d), 'base64').toString('hex');
    expect(hex('CRC32')).to.equal('cbf43926');
    expect(hex('CRC32C')).to.equal('e3069283');
    expect(hex('CRC64NVME')).to.equal('ae8b14860a799888');
    expect(hex('SHA1')).to.equal(createHash('sha1').update(d).digest('hex'));
    expect(hex('SHA256')).to.equal(sha256Hex(d));
  });
  it('parses headers and refuses malformed or multiple values', () => {
    expect(parseChecksumHeaders({ 'x-amz-checksum-crc32': b64('CRC32', DATA) }).algorithm).to.equal('CRC32');
    expect(parseChecksumHeaders({}, ['x-amz-checksum-crc32c'])).to.deep.equal({ algorithm: 'CRC32C', inTrailer: true });
    for (const [h, msg] of [
      [{ 'x-amz-checksum-crc32': 'abc' }, 'Value for x-amz-checksum-crc32 header is invalid.'],
      [{ 'x-amz-checksum-crc32': b64('CRC32', DATA), 'x-amz-checksum-sha1': b64('SHA1', DATA) }, 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.'],
      [{ 'x-amz-sdk-checksum-algorithm': 'CRC32' }, 'x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.'],
    ] as Array<[Record<string, string>, string]>) {
      try {
        parseChecksumHeaders(h);
        expect.fail('accepted ' + JSON.stringify(h));
      } catch (e) {
        if (!isS3Error(e)) throw e;
        expect([e.code, e.message]).to.deep.equal(['InvalidRequest', msg]);
      }
    }
  });
});

describe('verifyBody', () => {
  it('passes a plain body through with MD5 and the default CRC64NVME', async () => {
    const v = verifyBody(Readable.from([DATA]), { ...base, contentLength: DATA.length });
    const parts: Buffer[] = [];
    for await (const c of v.stream) parts.push(c as Buffer);
    const d = await v.result();
    expect(Buffer.concat(parts).equals(DATA)).to.equal(true);
    expect(d.size).to.equal(DATA.length);
    expect(d.md5Hex).to.equal(createHash('md5').update(DATA).digest('hex'));
    expect(d.checksums).to.deep.equal({ CRC64NVME: b64('CRC64NVME', DATA) });
  });
  for (const alg of ['CRC32', 'CRC32C', 'SHA1', 'SHA256', 'CRC64NVME'] as ChecksumAlgorithm[]) {
    it(`${alg}: accepts the right value, errors the stream before 'end' on a wrong one`, async () => {
      const name = 'x-amz-checksum-' + alg.toLowerCase();
      expect((await run([DATA], { ...base, checksumHeaders: { [name]: b64(alg, DATA) } })).code).to.equal('ok');
      const bad = await run([DATA], { ...base, checksumHeaders: { [name]: b64(alg, Buffer.from('other')) } });
      expect(bad.code).to.equal('BadDigest');
      expect(bad.ended).to.equal(false);
    });
  }
  it('x-amz-content-sha256 mismatch is XAmzContentSHA256Mismatch with both hashes', async () => {
    const claimed = sha256Hex('something else');
    const v = verifyBody(Readable.from([DATA]), { ...base, payload: { kind: 'signed', sha256: claimed } });
    v.stream.resume();
    try {
      await v.result();
      expect.fail('accepted');
    } catch (e) {
      if (!isS3Error(e)) throw e;
      expect(e.code).to.equal('XAmzContentSHA256Mismatch');
      expect(e.fields).to.deep.equal([['ClientComputedContentSHA256', claimed], ['S3ComputedContentSHA256', sha256Hex(DATA)]]);
    }
    expect((await run([DATA], { ...base, payload: { kind: 'signed', sha256: sha256Hex(DATA) } })).code).to.equal('ok');
  });
  it('Content-MD5: malformed is InvalidDigest, wrong is BadDigest', async () => {
    expect(() => verifyBody(Readable.from([DATA]), { ...base, contentMd5: 'nope' })).to.throw().with.property('code', 'InvalidDigest');
    const wrong = createHash('md5').update('x').digest('base64');
    expect((await run([DATA], { ...base, contentMd5: wrong })).code).to.equal('BadDigest');
    expect((await run([DATA], { ...base, contentMd5: createHash('md5').update(DATA).digest('base64') })).code).to.equal('ok');
  });
  it('fewer bytes than Content-Length is IncompleteBody', async () => {
    expect((await run([DATA], { ...base, contentLength: DATA.length + 1 })).code).to.equal('IncompleteBody');
  });
  it('decodes the SDK v3 aws-chunked + trailing CRC32 form and checks the trailer', async () => {
    const good = b64('CRC32', Buffer.from('hello world'));
    const body = (v: string): Buffer => Buffer.from(`5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:${v}\r\n\r\n`);
    const o: VerifyBodyOptions = { payload: { kind: 'streaming-unsigned-trailer' }, contentEncoding: 'aws-chunked', decodedContentLength: 11, checksumHeaders: { 'x-amz-sdk-checksum-algorithm': 'CRC32' }, trailerNames: ['x-amz-checksum-crc32'] };
    const ok = await run([body(good)], o);
    expect([ok.code, ok.out.toString()]).to.deep.equal(['ok', 'hello world']);
    const bad = await run([body(b64('CRC32', Buffer.from('x')))], o);
    expect([bad.code, bad.ended]).to.deep.equal(['BadDigest', false]);
  });
  it('readVerifiedBuffer caps small bodies with MaxMessageLengthExceeded', async () => {
    const r = await readVerifiedBuffer(Readable.from([DATA]), base, 100);
    expect(r.body.equals(DATA)).to.equal(true);
    try {
      await readVerifiedBuffer(Readable.from([DATA, DATA]), base, 30);
      expect.fail('accepted');
    } catch (e) {
      expect(isS3Error(e) && e.code).to.equal('MaxMessageLengthExceeded');
    }
  });
});
