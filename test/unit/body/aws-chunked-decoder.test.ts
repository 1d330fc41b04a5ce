import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import { authenticate } from '../../../server/auth/authenticate';
import { sha256Hex } from '../../../server/auth/sigv4/hash';
import type { ChunkSigningContext } from '../../../server/auth/types';
import { createAwsChunkedDecoder } from '../../../server/body/aws-chunked-decoder';
import { isS3Error } from '../../../server/errors/s3-error';
import { AKID, lookup, opts } from '../auth/helpers';

// "Signature Calculations for the Authorization Header: Transferring Payload in Multiple
// Chunks" (S3 API reference): 65 KiB of 'a' in chunks of 64 KiB and 1 KiB.
const AT = new Date('2013-05-24T00:00:00Z');
const SEED = '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9';
const CHUNK_SIGS = [
  'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648',
  '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497',
  'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9',
];

function seedContext(): ChunkSigningContext {
  const out = authenticate(
    {
      method: 'PUT', rawPath: '/examplebucket/chunkObject.txt', rawQuery: '',
      headers: {
        host: 's3.amazonaws.com', 'x-amz-date': '20130524T000000Z', 'x-amz-storage-class': 'REDUCED_REDUNDANCY',
        'content-encoding': 'aws-chunked', 'content-length': '66824', 'x-amz-decoded-content-length': '66560',
        'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
        authorization: `AWS4-HMAC-SHA256 Credential=${AKID}/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=${SEED}`,
      },
    },
    lookup,
    opts(AT),
  );
  if (out.payload.kind !== 'streaming-signed') throw new Error('expected a streaming payload');
  return out.payload.chunkSigning;
}

function exampleBody(sigs: readonly string[] = CHUNK_SIGS): Buffer {
  return Buffer.concat([
    Buffer.from(`10000;chunk-signature=${sigs[0]}\r\n`), Buffer.alloc(65536, 'a'), Buffer.from('\r\n'),
    Buffer.from(`400;chunk-signature=${sigs[1]}\r\n`), Buffer.alloc(1024, 'a'), Buffer.from('\r\n'),
    Buffer.from(`0;chunk-signature=${sigs[2]}\r\n\r\n`),
  ]);
}

function pieces(buf: Buffer, sizes: () => number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; ) {
    const n = Math.max(1, Math.min(sizes(), buf.length - i));
    out.push(buf.subarray(i, i + n));
    i += n;
  }
  return out;
}

async function decode(input: Buffer[], o: Parameters<typeof createAwsChunkedDecoder>[0]): Promise<{ data: Buffer; trailers: Record<string, string> }> {
  const dec = createAwsChunkedDecoder(o);
  const chunks: Buffer[] = [];
  Readable.from(input, { objectMode: false }).pipe(dec);
  for await (const c of dec) chunks.push(c as Buffer);
  return { data: Buffer.concat(chunks), trailers: dec.trailers() };
}

async function decodeError(input: Buffer[], o: Parameters<typeof createAwsChunkedDecoder>[0]): Promise<string> {
  try {
    await decode(input, o);
  } catch (e) {
    if (isS3Error(e)) return e.code;
    throw e;
  }
  return 'no error';
}

let seed = 1;
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed;
}

describe('aws-chunked decoder: the AWS chunked upload example', () => {
  it('authenticates the seed request and exposes the seed signature', () => {
    expect(seedContext().seedSignature).to.equal(SEED);
  });
  for (const [name, split] of [
    ['one buffer', () => 1 << 30],
    ['1-byte pieces', () => 1],
    ['random pieces', () => 1 + (random() % 9000)],
  ] as Array<[string, () => number]>) {
    it(`decodes and verifies every chunk signature (${name})`, async () => {
      const { data } = await decode(pieces(exampleBody(), split), { signing: seedContext(), trailer: false, decodedLength: 66560 });
      expect(data.equals(Buffer.alloc(66560, 'a'))).to.equal(true);
    });
  }
  it('rejects a tampered byte in the first chunk', async () => {
    const body = exampleBody();
    body[200] = 0x62;
    expect(await decodeError([body], { signing: seedContext(), trailer: false })).to.equal('SignatureDoesNotMatch');
  });
  it('rejects a wrong final chunk signature', async () => {
    const sigs = [CHUNK_SIGS[0], CHUNK_SIGS[1], CHUNK_SIGS[2].replace(/^b/, 'c')];
    expect(await decodeError([exampleBody(sigs)], { signing: seedContext(), trailer: false })).to.equal('SignatureDoesNotMatch');
  });
  it('rejects swapped chunks (signatures chain)', async () => {
    const sigs = [CHUNK_SIGS[1], CHUNK_SIGS[0], CHUNK_SIGS[2]];
    expect(await decodeError([exampleBody(sigs)], { signing: seedContext(), trailer: false })).to.equal('SignatureDoesNotMatch');
  });
  it('rejects a truncated body and a decoded-length mismatch with IncompleteBody', async () => {
    const body = exampleBody();
    expect(await decodeError([body.subarray(0, 66000)], { signing: seedContext(), trailer: false })).to.equal('IncompleteBody');
    expect(await decodeError([body], { signing: seedContext(), trailer: false, decodedLength: 66561 })).to.equal('IncompleteBody');
  });
  it('rejects garbage framing without crashing', async () => {
    expect(await decodeError([Buffer.from('zz;chunk-signature=00\r\n')], { signing: seedContext(), trailer: false })).to.equal('InvalidRequest');
    expect(await decodeError([Buffer.alloc(10000, 'x')], { trailer: false })).to.equal('InvalidRequest');
  });
});

/** An independent signer for the trailer forms (the doc has no trailer example with values). */
function signedTrailerBody(ctx: ChunkSigningContext, data: Buffer[], trailer: string): Buffer {
  const hmac = (s: string): string => createHmac('sha256', ctx.signingKey).update(s).digest('hex');
  const empty = sha256Hex('');
  let prev = ctx.seedSignature;
  const parts: Buffer[] = [];
  for (const d of [...data, Buffer.alloc(0)]) {
    const sig = hmac(`AWS4-HMAC-SHA256-PAYLOAD\n${ctx.amzDate}\n${ctx.scope}\n${prev}\n${empty}\n${sha256Hex(d)}`);
    parts.push(Buffer.from(`${d.length.toString(16)};chunk-signature=${sig}\r\n`), d);
    if (d.length > 0) parts.push(Buffer.from('\r\n'));
    prev = sig;
  }
  const tsig = hmac(`AWS4-HMAC-SHA256-TRAILER\n${ctx.amzDate}\n${ctx.scope}\n${prev}\n${sha256Hex(trailer + '\n')}`);
  parts.push(Buffer.from(`${trailer}\r\nx-amz-trailer-signature:${tsig}\r\n\r\n`));
  return Buffer.concat(parts);
}

describe('aws-chunked decoder: trailers', () => {
  it('decodes the SDK v3 unsigned-trailer form in 1-byte pieces', async () => {
    const body = Buffer.from('5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n');
    const { data, trailers } = await decode(pieces(body, () => 1), { trailer: true, decodedLength: 11, announcedTrailers: ['x-amz-checksum-crc32'] });
    expect(data.toString()).to.equal('hello world');
    expect(trailers).to.deep.equal({ 'x-amz-checksum-crc32': 'DUoRhQ==' });
  });
  it('reports an announced trailer that never came', async () => {
    const body = Buffer.from('5\r\nhello\r\n0\r\n\r\n');
    expect(await decodeError([body], { trailer: true, announcedTrailers: ['x-amz-checksum-crc32'] })).to.equal('IncompleteBody');
  });
  it('verifies the trailer signature of the signed-trailer form, and rejects a changed trailer', async () => {
    const ctx = seedContext();
    const body = signedTrailerBody(ctx, [Buffer.alloc(8192, 'a'), Buffer.from('tail')], 'x-amz-checksum-crc32:AAAAAA==');
    const ok = await decode(pieces(body, () => 1 + (random() % 300)), { signing: ctx, trailer: true });
    expect(ok.data.length).to.equal(8196);
    expect(ok.trailers['x-amz-checksum-crc32']).to.equal('AAAAAA==');
    const tampered = Buffer.from(body.toString('latin1').replace('AAAAAA==', 'AAAAAB=='), 'latin1');
    expect(await decodeError([tampered], { signing: ctx, trailer: true })).to.equal('SignatureDoesNotMatch');
  });
  it('refuses a non-final signed chunk under 8 KiB', async () => {
    const ctx = seedContext();
    const body = signedTrailerBody(ctx, [Buffer.from('small'), Buffer.from('tail')], 'x-amz-checksum-crc32:AAAAAA==');
    expect(await decodeError([body], { signing: ctx, trailer: true })).to.equal('InvalidChunkSizeError');
  });
});
