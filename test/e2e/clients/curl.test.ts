/**
 * curl --aws-sigv4 (7.88) against the emulator: raw S3 REST calls signed by curl.
 *
 * curl 7.88 sends no x-amz-content-sha256 of its own. AWS S3 refuses a SigV4 header-signed
 * request without it (400 InvalidRequest "Missing required header for this request:
 * x-amz-content-sha256"), so every call here adds the header (curl signs it as an x-amz-*
 * header). curl also signs the query string exactly as written, while AWS canonicalises it
 * (sorted, `key=` for a bare key): queries must be written sorted and with `=`
 * (`?uploads=`, `?list-type=2&prefix=a`), or AWS, and so the emulator, answer
 * SignatureDoesNotMatch. Both behaviours are pinned below.
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ACCESS_KEY, MiB, REGION, SECRET_KEY, bucketName, cleanEnv, explain, multipartEtag, randomFile, run, sdkCreateBucket, sdkExists,
  sdkGet, sdkPut, requireClient, useClientEmulator, type ClientEmulator,
} from './common';

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');
const CHUNK = 8 * MiB;
const BIG = 20 * MiB;

interface CurlResult { status: number; body: Buffer; headers: string; stderr: string }

describe('client: curl --aws-sigv4', function () {
  this.timeout(120_000);
  const installed = requireClient(async () => {
    const v = await run('curl', ['--version'], { env: cleanEnv({}), timeoutMs: 10_000 });
    const m = /^curl (\d+)\.(\d+)/.exec(v.stdout);
    return v.code === 0 && m !== null && (Number(m[1]) > 7 || (Number(m[1]) === 7 && Number(m[2]) >= 75));
  }, 'curl with --aws-sigv4 (>= 7.75) not installed');

  let ce: ClientEmulator;
  let dir: string;
  let bucket: string;
  let n = 0;

  useClientEmulator({ dir: 'curl', https: true, installed }, async (started, tmp) => {
    ce = started;
    dir = tmp;
    bucket = bucketName('curl');
    await sdkCreateBucket(ce, bucket);
  });

  /** One signed curl call. `file` is uploaded with -T (PUT) or --data-binary (POST). */
  async function curl(method: string, url: string, opts: { file?: string; sha256?: string | null; headers?: string[]; cacert?: string } = {}): Promise<CurlResult> {
    n += 1;
    const out = join(dir, `resp-${n}`);
    const hdr = join(dir, `hdr-${n}`);
    const payloadHash = opts.sha256 === undefined
      ? (opts.file ? createHash('sha256').update(readFileSync(opts.file)).digest('hex') : EMPTY_SHA256)
      : opts.sha256;
    const args = [
      '-sS', '--noproxy', '*', ...(method === 'HEAD' ? ['-I'] : ['-X', method]), '-o', out, '-D', hdr, '-w', '%{http_code}',
      '--aws-sigv4', `aws:amz:${REGION}:s3`, '--user', `${ACCESS_KEY}:${SECRET_KEY}`,
      ...(payloadHash !== null ? ['-H', `x-amz-content-sha256: ${payloadHash}`] : []),
      ...(opts.headers ?? []).flatMap((h) => ['-H', h]),
      ...(opts.cacert ? ['--cacert', opts.cacert] : []),
      ...(opts.file ? (method === 'PUT' ? ['-T', opts.file] : ['--data-binary', `@${opts.file}`]) : []),
      url,
    ];
    const r = await run('curl', args, { env: cleanEnv({ HOME: dir }), timeoutMs: 60_000 });
    if (r.code !== 0) throw new Error(explain(`curl ${method} ${url}`, { ...r }, ce));
    return { status: Number(r.stdout.trim()), body: readFileSync(out), headers: readFileSync(hdr, 'utf8'), stderr: r.stderr };
  }

  const url = (path: string) => `${ce.emu.endpoint}${path}`;
  const show = (r: CurlResult) => `${r.status}\n${r.headers}\n${r.body.toString().slice(0, 2000)}\n--- emulator requests\n${ce.tail()}`;

  it('creates a bucket (PUT /bucket): 200', async () => {
    const b = bucketName('curl-mk');
    const r = await curl('PUT', url(`/${b}`));
    expect(r.status, show(r)).to.equal(200);
    expect(await sdkExists(ce, b, 'x')).to.equal(false);
  });

  it('puts an object with the payload hash signed (PUT -T): 200 and the MD5 ETag', async () => {
    const f = randomFile(dir, 'put.bin', 3000);
    const r = await curl('PUT', url(`/${bucket}/put.bin`), { file: f.path });
    expect(r.status, show(r)).to.equal(200);
    expect(r.headers).to.match(new RegExp(`ETag: "${createHash('md5').update(f.data).digest('hex')}"`, 'i'));
    expect((await sdkGet(ce, bucket, 'put.bin')).data.equals(f.data)).to.equal(true);
  });

  it('puts an object with x-amz-content-sha256: UNSIGNED-PAYLOAD (a 2 MiB body, sent with Expect: 100-continue)', async () => {
    const f = randomFile(dir, 'unsigned.bin', 2 * MiB);
    const r = await curl('PUT', url(`/${bucket}/unsigned.bin`), { file: f.path, sha256: 'UNSIGNED-PAYLOAD' });
    expect(r.status, show(r)).to.equal(200);
    expect(r.headers).to.match(/HTTP\/1\.1 100 Continue/);
    expect((await sdkGet(ce, bucket, 'unsigned.bin')).data.equals(f.data)).to.equal(true);
  });

  it('gets an object (GET), and a byte range (Range: bytes=2-5 -> 206)', async () => {
    await sdkPut(ce, bucket, 'get.txt', '0123456789');
    const r = await curl('GET', url(`/${bucket}/get.txt`));
    expect(r.status, show(r)).to.equal(200);
    expect(r.body.toString()).to.equal('0123456789');
    const p = await curl('GET', url(`/${bucket}/get.txt`), { headers: ['Range: bytes=2-5'] });
    expect(p.status, show(p)).to.equal(206);
    expect(p.body.toString()).to.equal('2345');
  });

  it('heads an object (HEAD): 200 with Content-Length', async () => {
    await sdkPut(ce, bucket, 'head.txt', 'twelve bytes');
    const r = await curl('HEAD', url(`/${bucket}/head.txt`));
    expect(r.status, show(r)).to.equal(200);
    expect(r.headers).to.match(/Content-Length: 12/i);
  });

  it('lists objects (GET /bucket?list-type=2&prefix=list/, query written sorted)', async () => {
    await sdkPut(ce, bucket, 'list/a', 'a');
    await sdkPut(ce, bucket, 'list/b', 'b');
    const r = await curl('GET', url(`/${bucket}?list-type=2&prefix=list%2F`));
    expect(r.status, show(r)).to.equal(200);
    const keys = [...r.body.toString().matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1]);
    expect(keys).to.deep.equal(['list/a', 'list/b']);
  });

  it('copies an object (PUT with x-amz-copy-source)', async () => {
    await sdkPut(ce, bucket, 'src.txt', 'curl copy');
    const r = await curl('PUT', url(`/${bucket}/dst.txt`), { headers: [`x-amz-copy-source: /${bucket}/src.txt`] });
    expect(r.status, show(r)).to.equal(200);
    expect(r.body.toString()).to.contain('<CopyObjectResult');
    expect((await sdkGet(ce, bucket, 'dst.txt')).data.toString()).to.equal('curl copy');
  });

  it('deletes an object (DELETE): 204', async () => {
    await sdkPut(ce, bucket, 'del.txt', 'x');
    const r = await curl('DELETE', url(`/${bucket}/del.txt`));
    expect(r.status, show(r)).to.equal(204);
    expect(await sdkExists(ce, bucket, 'del.txt')).to.equal(false);
  });

  it('uploads 20 MiB as a multipart upload in 8 MiB parts (?uploads=, ?partNumber=&uploadId=, ?uploadId=): "<md5-of-md5s>-3"', async () => {
    const f = randomFile(dir, 'big.bin', BIG);
    const init = await curl('POST', url(`/${bucket}/big.bin?uploads=`));
    expect(init.status, show(init)).to.equal(200);
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(init.body.toString())?.[1] ?? '';
    expect(uploadId).to.not.equal('');
    const etags: string[] = [];
    for (let i = 0, off = 0; off < f.data.length; i += 1, off += CHUNK) {
      const part = join(dir, `part-${i + 1}`);
      writeFileSync(part, f.data.subarray(off, off + CHUNK));
      const r = await curl('PUT', url(`/${bucket}/big.bin?partNumber=${i + 1}&uploadId=${encodeURIComponent(uploadId)}`), { file: part });
      expect(r.status, show(r)).to.equal(200);
      etags.push(/ETag: ("[^"]+")/i.exec(r.headers)?.[1] ?? '');
    }
    const xml = join(dir, 'complete.xml');
    writeFileSync(xml, `<CompleteMultipartUpload>${etags.map((e, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${e}</ETag></Part>`).join('')}</CompleteMultipartUpload>`);
    const done = await curl('POST', url(`/${bucket}/big.bin?uploadId=${encodeURIComponent(uploadId)}`), { file: xml, headers: ['Content-Type: application/xml'] });
    expect(done.status, show(done)).to.equal(200);
    expect(done.body.toString()).to.contain('<CompleteMultipartUploadResult');
    const expected = multipartEtag(f.data, CHUNK);
    expect(done.body.toString()).to.contain(expected.replace(/"/g, '&quot;'));
    const got = await sdkGet(ce, bucket, 'big.bin');
    expect(got.etag).to.equal(expected);
    const firstDiff = got.data.findIndex((b, i) => b !== f.data[i]);
    expect(got.data.length, 'stored length').to.equal(f.data.length);
    expect(firstDiff, `stored bytes differ from offset ${firstDiff}`).to.equal(-1);
  });

  it('virtual-hosted-style: http://BUCKET.localhost:PORT/key (curl resolves *.localhost itself)', async () => {
    await sdkPut(ce, bucket, 'vhost.txt', 'virtual host');
    const port = new URL(ce.emu.endpoint).port;
    const r = await curl('GET', `http://${bucket}.localhost:${port}/vhost.txt`);
    expect(r.status, show(r)).to.equal(200);
    expect(r.body.toString()).to.equal('virtual host');
  });

  it('HTTPS: PUT and GET against https://localhost:PORT trusting the CA with --cacert', async () => {
    const f = randomFile(dir, 'tls.bin', 5000);
    const base = ce.emu.httpsEndpoint ?? '';
    const put = await curl('PUT', `${base}/${bucket}/tls.bin`, { file: f.path, cacert: ce.emu.caFile });
    expect(put.status, show(put)).to.equal(200);
    const get = await curl('GET', `${base}/${bucket}/tls.bin`, { cacert: ce.emu.caFile });
    expect(get.status, show(get)).to.equal(200);
    expect(get.body.equals(f.data)).to.equal(true);
  });

  it('a request without x-amz-content-sha256 is refused as AWS refuses it: 400 InvalidRequest', async () => {
    await sdkPut(ce, bucket, 'nohash.txt', 'x');
    const r = await curl('GET', url(`/${bucket}/nohash.txt`), { sha256: null });
    expect(r.status, show(r)).to.equal(400);
    expect(r.body.toString()).to.contain('<Code>InvalidRequest</Code>').and.to.contain('Missing required header for this request: x-amz-content-sha256');
  });

  it('a query written unsorted is signed as written by curl and refused as AWS refuses it: 403 SignatureDoesNotMatch', async () => {
    const r = await curl('GET', url(`/${bucket}?prefix=list%2F&list-type=2`));
    expect(r.status, show(r)).to.equal(403);
    expect(r.body.toString()).to.contain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('a wrong secret is refused: 403 SignatureDoesNotMatch', async () => {
    const out = join(dir, 'bad-secret');
    const r = await run('curl', ['-sS', '--noproxy', '*', '-o', out, '-w', '%{http_code}', '--aws-sigv4', `aws:amz:${REGION}:s3`,
      '--user', `${ACCESS_KEY}:not-the-secret`, '-H', `x-amz-content-sha256: ${EMPTY_SHA256}`, url(`/${bucket}/get.txt`)], { env: cleanEnv({ HOME: dir }) });
    expect(r.stdout.trim()).to.equal('403');
    expect(readFileSync(out, 'utf8')).to.contain('<Code>SignatureDoesNotMatch</Code>');
  });
});
