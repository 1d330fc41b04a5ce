/**
 * boto3 against the emulator, unmodified, through scripts/boto3_client.py: HTTP path-style,
 * presigned URLs in both of the forms boto3 makes (SigV2 by default in us-east-1, SigV4 with
 * Config(signature_version='s3v4')), and HTTPS trusting the emulator's CA via AWS_CA_BUNDLE,
 * where PutObject/UploadPart go out as aws-chunked with an x-amz-checksum-crc32 trailer.
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  ACCESS_KEY, MiB, SECRET_KEY, bucketName, cleanEnv, explain, fetchUrl, multipartEtag, randomFile, run, sdkCreateBucket,
  sdkExists, sdkGet, sdkKeys, sdkPut, requireClient, useClientEmulator, type ClientEmulator,
} from './common';

const CHUNK = 8 * MiB;
const BIG = 20 * MiB;

/** The script lives in the source tree (tsc does not copy .py files into dist). */
function scriptPath(): string {
  const candidates = [
    resolve(__dirname, 'scripts', 'boto3_client.py'),
    resolve(__dirname, '..', '..', '..', '..', 'test', 'e2e', 'clients', 'scripts', 'boto3_client.py'),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`boto3_client.py not found in ${candidates.join(', ')}`);
  return found;
}

interface Py {
  (step: string, ...args: string[]): Promise<Record<string, unknown>>;
}

function makePy(ce: ClientEmulator, dir: string, endpoint: string, extraEnv: Record<string, string> = {}): Py {
  const credentials = join(dir, 'credentials');
  const config = join(dir, 'config');
  writeFileSync(credentials, `[default]\naws_access_key_id = ${ACCESS_KEY}\naws_secret_access_key = ${SECRET_KEY}\n`, { mode: 0o600 });
  writeFileSync(config, '[default]\nregion = us-east-1\n');
  const env = cleanEnv({
    EMU_ENDPOINT: endpoint, AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: config, HOME: dir,
    AWS_EC2_METADATA_DISABLED: 'true', PYTHONDONTWRITEBYTECODE: '1', ...extraEnv,
  });
  const script = scriptPath();
  return async (step, ...args) => {
    const r = await run('python3', [script, step, ...args], { env, cwd: dir, timeoutMs: 120_000 });
    if (r.code !== 0) throw new Error(explain(`boto3 ${step}`, r, ce));
    return JSON.parse(r.stdout || '{}') as Record<string, unknown>;
  };
}

describe('client: boto3', function () {
  this.timeout(180_000);
  const installed = requireClient(async () => (await run('python3', ['-c', 'import boto3'], { env: cleanEnv({}), timeoutMs: 30_000 })).code === 0, "boto3 not installed (`python3 -c 'import boto3'` failed); run .ci/install-clients.sh");

  describe('over HTTP (path-style)', () => {
    let ce: ClientEmulator;
    let dir: string;
    let py: Py;
    let bucket: string;

    useClientEmulator({ dir: 'boto3', installed }, async (started, tmp) => {
      ce = started;
      dir = tmp;
      py = makePy(ce, dir, ce.emu.endpoint);
      bucket = bucketName('boto');
      await sdkCreateBucket(ce, bucket);
    });

    it('creates a bucket (create_bucket)', async () => {
      const b = bucketName('boto-mk');
      await py('create_bucket', b);
      expect(await sdkKeys(ce, b)).to.deep.equal([]);
    });

    it('puts an object (put_object)', async () => {
      const f = randomFile(dir, 'put.bin', 5000);
      await py('put', bucket, 'put.bin', f.path);
      expect((await sdkGet(ce, bucket, 'put.bin')).data.equals(f.data)).to.equal(true);
    });

    it('gets an object (get_object)', async () => {
      await sdkPut(ce, bucket, 'get.txt', 'boto3 get');
      const out = join(dir, 'get.out');
      const r = await py('get', bucket, 'get.txt', out);
      expect(readFileSync(out, 'utf8')).to.equal('boto3 get');
      expect(r['contentLength']).to.equal(9);
    });

    it('heads an object: 200, Content-Length, Content-Type (head_object)', async () => {
      await sdkPut(ce, bucket, 'head.txt', 'twelve bytes');
      const r = await py('head', bucket, 'head.txt');
      expect(r['status'], ce.tail()).to.equal(200);
      expect(r['contentLength']).to.equal(12);
      expect(r['contentType']).to.be.a('string');
    });

    it('lists objects (list_objects_v2)', async () => {
      await sdkPut(ce, bucket, 'list/a', 'a');
      await sdkPut(ce, bucket, 'list/b', 'b');
      expect((await py('list', bucket, 'list/'))['keys']).to.deep.equal(['list/a', 'list/b']);
    });

    it('copies an object (copy_object)', async () => {
      await sdkPut(ce, bucket, 'src.txt', 'copy source');
      await py('copy', bucket, 'src.txt', 'dst.txt');
      expect((await sdkGet(ce, bucket, 'dst.txt')).data.toString()).to.equal('copy source');
    });

    it('copies a 20 MiB object with the managed copy (HEAD, then UploadPartCopy in 8 MiB ranges)', async () => {
      const f = randomFile(dir, 'copy-big.bin', BIG);
      await sdkPut(ce, bucket, 'copy-big.bin', f.data);
      await py('managed_copy', bucket, 'copy-big.bin', 'copy-big-dst.bin');
      const got = await sdkGet(ce, bucket, 'copy-big-dst.bin');
      expect(got.data.equals(f.data)).to.equal(true);
      expect(got.etag).to.equal(multipartEtag(f.data, CHUNK));
    });

    it('deletes an object (delete_object: 204)', async () => {
      await sdkPut(ce, bucket, 'del.txt', 'x');
      expect((await py('delete', bucket, 'del.txt'))['status']).to.equal(204);
      expect(await sdkExists(ce, bucket, 'del.txt')).to.equal(false);
    });

    it('uploads 20 MiB as a multipart upload with 8 MiB parts and the "<md5-of-md5s>-3" ETag (upload_file)', async () => {
      const f = randomFile(dir, 'big.bin', BIG);
      const r = await py('upload_file', bucket, 'big.bin', f.path);
      expect(r['partContentEncodings']).to.have.length(3);
      const got = await sdkGet(ce, bucket, 'big.bin');
      expect(got.data.equals(f.data), 'stored bytes differ').to.equal(true);
      expect(got.etag).to.equal(multipartEtag(f.data, CHUNK));
    });

    it('downloads a 20 MiB object with ranged GETs (download_file)', async () => {
      const f = randomFile(dir, 'big-dl.bin', BIG);
      await sdkPut(ce, bucket, 'big-dl.bin', f.data);
      const out = join(dir, 'big-dl.out');
      await py('download_file', bucket, 'big-dl.bin', out);
      expect(readFileSync(out).equals(f.data)).to.equal(true);
    });

    it('generate_presigned_url signs with SigV2 by default in us-east-1; curl fetches the bytes', async () => {
      await sdkPut(ce, bucket, 'p2.txt', 'sigv2 presigned');
      const url = String((await py('presign', bucket, 'p2.txt', 'v2', '300'))['url']);
      expect(url).to.contain('AWSAccessKeyId=').and.to.contain('Signature=').and.to.contain('Expires=');
      const got = await fetchUrl(url);
      expect(got.status, `${got.body.toString()}\n${ce.tail()}`).to.equal(200);
      expect(got.body.toString()).to.equal('sigv2 presigned');
    });

    it("generate_presigned_url with Config(signature_version='s3v4') makes a SigV4 URL; curl fetches the bytes", async () => {
      await sdkPut(ce, bucket, 'p4.txt', 'sigv4 presigned');
      const url = String((await py('presign', bucket, 'p4.txt', 'v4', '300'))['url']);
      expect(url).to.contain('X-Amz-Algorithm=AWS4-HMAC-SHA256').and.to.contain('X-Amz-Expires=300');
      const got = await fetchUrl(url);
      expect(got.status, `${got.body.toString()}\n${ce.tail()}`).to.equal(200);
      expect(got.body.toString()).to.equal('sigv4 presigned');
    });

    it('a SigV4 presigned URL is refused once expired (emulated clock)', async () => {
      await sdkPut(ce, bucket, 'p4x.txt', 'expires');
      const url = String((await py('presign', bucket, 'p4x.txt', 'v4', '60'))['url']);
      ce.emu.clock.advanceSeconds(120);
      try {
        const got = await fetchUrl(url);
        expect(got.status).to.equal(403);
        expect(got.body.toString()).to.contain('<Code>AccessDenied</Code>').and.to.contain('Request has expired');
      } finally {
        ce.emu.clock.setOffsetSeconds(0);
      }
    });
  });

  describe('over HTTPS (AWS_CA_BUNDLE; aws-chunked uploads with a CRC32 trailer)', () => {
    let ce: ClientEmulator;
    let dir: string;
    let py: Py;
    let bucket: string;

    useClientEmulator({ dir: 'boto3-tls', https: true, installed }, (started, tmp) => {
      ce = started;
      dir = tmp;
      expect(ce.emu.httpsEndpoint, 'emulator has no HTTPS listener').to.be.a('string');
      py = makePy(ce, dir, ce.emu.httpsEndpoint ?? '', { AWS_CA_BUNDLE: ce.emu.caFile ?? '' });
      bucket = bucketName('boto-tls');
    });

    it('creates a bucket over HTTPS, verifying the certificate', async () => {
      await py('create_bucket', bucket);
      expect(await sdkKeys(ce, bucket)).to.deep.equal([]);
    });

    it('puts an object as aws-chunked with an x-amz-checksum-crc32 trailer; the decoded bytes are stored', async () => {
      const f = randomFile(dir, 'chunked.bin', 300_000);
      const r = await py('put', bucket, 'chunked.bin', f.path);
      const sent = r['sentHeaders'] as Record<string, string>;
      expect(sent['Content-Encoding'], JSON.stringify(sent)).to.equal('aws-chunked');
      expect(sent['X-Amz-Trailer']).to.equal('x-amz-checksum-crc32');
      expect(sent['X-Amz-Content-SHA256'] ?? sent['x-amz-content-sha256']).to.match(/^STREAMING-(UNSIGNED-PAYLOAD|AWS4-HMAC-SHA256-PAYLOAD)-TRAILER$/);
      const got = await sdkGet(ce, bucket, 'chunked.bin');
      expect(got.data.equals(f.data), 'stored bytes are not the decoded payload').to.equal(true);
      expect(r['etag']).to.equal(`"${createHash('md5').update(f.data).digest('hex')}"`);
    });

    it('uploads 20 MiB in 8 MiB aws-chunked parts with the "<md5-of-md5s>-3" ETag (upload_file)', async () => {
      const f = randomFile(dir, 'big.bin', BIG);
      const r = await py('upload_file', bucket, 'big.bin', f.path);
      expect(r['partContentEncodings']).to.deep.equal(['aws-chunked', 'aws-chunked', 'aws-chunked']);
      const got = await sdkGet(ce, bucket, 'big.bin');
      expect(got.data.equals(f.data), 'stored bytes differ').to.equal(true);
      expect(got.etag).to.equal(multipartEtag(f.data, CHUNK));
      const out = join(dir, 'big.out');
      await py('download_file', bucket, 'big.bin', out);
      expect(readFileSync(out).equals(f.data)).to.equal(true);
    });

    it('presigns over HTTPS (SigV2 and SigV4) and curl --cacert fetches both', async () => {
      await sdkPut(ce, bucket, 'p.txt', 'tls presigned');
      for (const v of ['v2', 'v4']) {
        const url = String((await py('presign', bucket, 'p.txt', v, '300'))['url']);
        expect(url).to.match(/^https:\/\/localhost:\d+\//);
        const got = await fetchUrl(url, { caFile: ce.emu.caFile });
        expect(got.status, `${v}: ${got.body.toString()}`).to.equal(200);
        expect(got.body.toString()).to.equal('tls presigned');
      }
    });
  });
});
