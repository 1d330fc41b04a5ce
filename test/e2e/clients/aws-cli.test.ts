/**
 * AWS CLI (v1, botocore) against the emulator, unmodified: plain HTTP with path-style
 * addressing, and HTTPS trusting the emulator's CA via AWS_CA_BUNDLE, where botocore sends
 * PutObject/UploadPart as aws-chunked with an x-amz-checksum-crc32 trailer.
 */
import { expect } from 'chai';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ACCESS_KEY, MiB, SECRET_KEY, available, bucketName, cleanEnv, explain, fetchUrl, multipartEtag, randomFile, run,
  sdkCreateBucket, sdkExists, sdkGet, sdkKeys, sdkPut, requireClient, useClientEmulator, type ClientEmulator, type RunResult,
} from './common';

const CHUNK = 8 * MiB;
const BIG = 20 * MiB;

function writeCliConfig(dir: string, extraS3: string[] = []): { config: string; credentials: string } {
  const config = join(dir, 'config');
  const credentials = join(dir, 'credentials');
  writeFileSync(credentials, `[default]\naws_access_key_id = ${ACCESS_KEY}\naws_secret_access_key = ${SECRET_KEY}\n`, { mode: 0o600 });
  writeFileSync(config, [
    '[default]', 'region = us-east-1', 'output = json', 's3 =',
    '  multipart_threshold = 8MB', '  multipart_chunksize = 8MB', ...extraS3.map((l) => `  ${l}`), '',
  ].join('\n'));
  return { config, credentials };
}

describe('client: AWS CLI', function () {
  this.timeout(180_000);
  const installed = requireClient(() => available('aws', ['--version']), 'AWS CLI not installed (`aws --version` failed); run .ci/install-clients.sh');

  describe('over HTTP (path-style)', () => {
    let ce: ClientEmulator;
    let dir: string;
    let env: NodeJS.ProcessEnv;
    let v4env: NodeJS.ProcessEnv;
    let bucket: string;

    useClientEmulator({ dir: 'awscli', installed }, async (started, tmp) => {
      ce = started;
      dir = tmp;
      const c = writeCliConfig(dir);
      const base = { AWS_SHARED_CREDENTIALS_FILE: c.credentials, HOME: dir, AWS_EC2_METADATA_DISABLED: 'true', AWS_PAGER: '' };
      env = cleanEnv({ ...base, AWS_CONFIG_FILE: c.config });
      const v4dir = join(dir, 'v4');
      mkdirSync(v4dir);
      v4env = cleanEnv({ ...base, AWS_CONFIG_FILE: writeCliConfig(v4dir, ['signature_version = s3v4']).config });
      bucket = bucketName('cli');
      await sdkCreateBucket(ce, bucket);
    });

    const aws = (args: string[], e: NodeJS.ProcessEnv = env): Promise<RunResult> =>
      run('aws', ['--endpoint-url', ce.emu.endpoint, ...args], { env: e, cwd: dir, timeoutMs: 120_000 });

    it('creates a bucket (aws s3 mb)', async () => {
      const b = bucketName('cli-mb');
      const r = await aws(['s3', 'mb', `s3://${b}`]);
      expect(r.code, explain('aws s3 mb', r, ce)).to.equal(0);
      expect(await sdkKeys(ce, b)).to.deep.equal([]);
    });

    it('puts an object (aws s3 cp FILE s3://)', async () => {
      const f = randomFile(dir, 'put.bin', 1000);
      const r = await aws(['s3', 'cp', f.path, `s3://${bucket}/put.bin`]);
      expect(r.code, explain('aws s3 cp upload', r, ce)).to.equal(0);
      expect((await sdkGet(ce, bucket, 'put.bin')).data.equals(f.data)).to.equal(true);
    });

    it('puts an object (aws s3api put-object)', async () => {
      const f = randomFile(dir, 'api-put.bin', 1000);
      const r = await aws(['s3api', 'put-object', '--bucket', bucket, '--key', 'api-put.bin', '--body', f.path]);
      expect(r.code, explain('aws s3api put-object', r, ce)).to.equal(0);
      expect((await sdkGet(ce, bucket, 'api-put.bin')).data.equals(f.data)).to.equal(true);
    });

    it('gets an object (aws s3api get-object)', async () => {
      await sdkPut(ce, bucket, 'get-api.txt', 'get via s3api');
      const out = join(dir, 'get-api.out');
      const r = await aws(['s3api', 'get-object', '--bucket', bucket, '--key', 'get-api.txt', out]);
      expect(r.code, explain('aws s3api get-object', r, ce)).to.equal(0);
      expect(readFileSync(out, 'utf8')).to.equal('get via s3api');
    });

    it('gets an object (aws s3 cp s3:// FILE, which HEADs first)', async () => {
      await sdkPut(ce, bucket, 'get.txt', 'get via s3 cp');
      const out = join(dir, 'get.out');
      const r = await aws(['s3', 'cp', `s3://${bucket}/get.txt`, out]);
      expect(r.code, explain('aws s3 cp download', r, ce)).to.equal(0);
      expect(readFileSync(out, 'utf8')).to.equal('get via s3 cp');
    });

    it('heads an object: 200 with Content-Length and Content-Type (aws s3api head-object)', async () => {
      await sdkPut(ce, bucket, 'head.txt', 'twelve bytes');
      const r = await aws(['s3api', 'head-object', '--bucket', bucket, '--key', 'head.txt']);
      expect(r.code, explain('aws s3api head-object', r, ce)).to.equal(0);
      const head = JSON.parse(r.stdout) as { ContentLength?: number; ContentType?: string };
      expect(head.ContentLength, explain('HeadObject lacks Content-Length', r, ce)).to.equal(12);
      expect(head.ContentType).to.be.a('string');
    });

    it('a HEAD of a missing key fails with 404 (aws s3api head-object)', async () => {
      const r = await aws(['s3api', 'head-object', '--bucket', bucket, '--key', 'no-such-key']);
      expect(r.code, explain('head-object on a missing key must fail', r, ce)).to.not.equal(0);
      expect(r.stderr).to.match(/404|Not Found/);
    });

    it('lists objects (aws s3 ls, aws s3api list-objects-v2)', async () => {
      await sdkPut(ce, bucket, 'list/one.txt', '1');
      await sdkPut(ce, bucket, 'list/two.txt', '2');
      const r = await aws(['s3', 'ls', `s3://${bucket}/list/`]);
      expect(r.code, explain('aws s3 ls', r, ce)).to.equal(0);
      expect(r.stdout).to.contain('one.txt').and.to.contain('two.txt');
      const r2 = await aws(['s3api', 'list-objects-v2', '--bucket', bucket, '--prefix', 'list/']);
      expect(r2.code, explain('aws s3api list-objects-v2', r2, ce)).to.equal(0);
      const keys = (JSON.parse(r2.stdout) as { Contents: { Key: string }[] }).Contents.map((c) => c.Key);
      expect(keys).to.deep.equal(['list/one.txt', 'list/two.txt']);
    });

    it('copies an object (aws s3 cp s3:// s3://)', async () => {
      await sdkPut(ce, bucket, 'copy-src.txt', 'copy me');
      const r = await aws(['s3', 'cp', `s3://${bucket}/copy-src.txt`, `s3://${bucket}/copy-dst.txt`]);
      expect(r.code, explain('aws s3 cp s3->s3', r, ce)).to.equal(0);
      expect((await sdkGet(ce, bucket, 'copy-dst.txt')).data.toString()).to.equal('copy me');
    });

    it('copies an object (aws s3api copy-object)', async () => {
      await sdkPut(ce, bucket, 'copy-src2.txt', 'copy me too');
      const r = await aws(['s3api', 'copy-object', '--bucket', bucket, '--key', 'copy-dst2.txt', '--copy-source', `${bucket}/copy-src2.txt`]);
      expect(r.code, explain('aws s3api copy-object', r, ce)).to.equal(0);
      expect((await sdkGet(ce, bucket, 'copy-dst2.txt')).data.toString()).to.equal('copy me too');
    });

    it('deletes an object (aws s3 rm)', async () => {
      await sdkPut(ce, bucket, 'del.txt', 'x');
      const r = await aws(['s3', 'rm', `s3://${bucket}/del.txt`]);
      expect(r.code, explain('aws s3 rm', r, ce)).to.equal(0);
      expect(await sdkExists(ce, bucket, 'del.txt')).to.equal(false);
    });

    it('uploads 20 MiB as a multipart upload with 8 MiB parts and the "<md5-of-md5s>-3" ETag (aws s3 cp)', async () => {
      const f = randomFile(dir, 'big.bin', BIG);
      const r = await aws(['s3', 'cp', '--only-show-errors', f.path, `s3://${bucket}/big.bin`]);
      expect(r.code, explain('aws s3 cp multipart upload', r, ce)).to.equal(0);
      const got = await sdkGet(ce, bucket, 'big.bin');
      expect(got.data.equals(f.data), 'stored bytes differ').to.equal(true);
      expect(got.etag).to.equal(multipartEtag(f.data, CHUNK));
      expect(ce.lines.filter((l) => l.includes('"UploadPart"') && l.includes('big.bin')).length).to.equal(3);
    });

    it('downloads a 20 MiB object with ranged GETs (aws s3 cp s3:// FILE)', async () => {
      const f = randomFile(dir, 'big2.bin', BIG);
      await sdkPut(ce, bucket, 'big2.bin', f.data);
      const out = join(dir, 'big2.out');
      const r = await aws(['s3', 'cp', '--only-show-errors', `s3://${bucket}/big2.bin`, out]);
      expect(r.code, explain('aws s3 cp multipart download', r, ce)).to.equal(0);
      expect(readFileSync(out).equals(f.data)).to.equal(true);
    });

    it('presigns a GET with SigV2 by default (aws s3 presign) and curl fetches the bytes', async () => {
      await sdkPut(ce, bucket, 'presign.txt', 'presigned bytes');
      const r = await aws(['s3', 'presign', `s3://${bucket}/presign.txt`, '--expires-in', '300']);
      expect(r.code, explain('aws s3 presign', r, ce)).to.equal(0);
      const url = r.stdout.trim();
      expect(url).to.contain('AWSAccessKeyId=').and.to.contain('Signature=').and.to.contain('Expires=');
      const got = await fetchUrl(url);
      expect(got.status, `${got.body.toString()}\n${ce.tail()}`).to.equal(200);
      expect(got.body.toString()).to.equal('presigned bytes');
    });

    it('a SigV2 presigned URL stops working after it expires (emulated clock)', async () => {
      await sdkPut(ce, bucket, 'expiring.txt', 'soon gone');
      const r = await aws(['s3', 'presign', `s3://${bucket}/expiring.txt`, '--expires-in', '60']);
      expect(r.code, explain('aws s3 presign', r, ce)).to.equal(0);
      ce.emu.clock.advanceSeconds(120);
      try {
        const got = await fetchUrl(r.stdout.trim());
        expect(got.status).to.equal(403);
        expect(got.body.toString()).to.contain('<Code>AccessDenied</Code>').and.to.contain('Request has expired');
      } finally {
        ce.emu.clock.setOffsetSeconds(0);
      }
    });

    it('presigns a GET with SigV4 when the config says signature_version = s3v4', async () => {
      await sdkPut(ce, bucket, 'presign4.txt', 'v4 presigned bytes');
      const r = await aws(['s3', 'presign', `s3://${bucket}/presign4.txt`, '--expires-in', '300'], v4env);
      expect(r.code, explain('aws s3 presign (s3v4)', r, ce)).to.equal(0);
      const url = r.stdout.trim();
      expect(url).to.contain('X-Amz-Algorithm=AWS4-HMAC-SHA256').and.to.contain('X-Amz-Signature=');
      const got = await fetchUrl(url);
      expect(got.status, `${got.body.toString()}\n${ce.tail()}`).to.equal(200);
      expect(got.body.toString()).to.equal('v4 presigned bytes');
    });
  });

  describe('over HTTPS (AWS_CA_BUNDLE; aws-chunked uploads with a CRC32 trailer)', () => {
    let ce: ClientEmulator;
    let dir: string;
    let env: NodeJS.ProcessEnv;
    let bucket: string;

    useClientEmulator({ dir: 'awscli-tls', https: true, installed }, (started, tmp) => {
      ce = started;
      dir = tmp;
      expect(ce.emu.httpsEndpoint, 'emulator has no HTTPS listener').to.be.a('string');
      expect(ce.emu.caFile, 'emulator reports no CA file').to.be.a('string');
      const c = writeCliConfig(dir);
      env = cleanEnv({
        AWS_CONFIG_FILE: c.config, AWS_SHARED_CREDENTIALS_FILE: c.credentials, HOME: dir,
        AWS_EC2_METADATA_DISABLED: 'true', AWS_PAGER: '', AWS_CA_BUNDLE: ce.emu.caFile ?? '',
      });
      bucket = bucketName('cli-tls');
    });

    const aws = (args: string[]): Promise<RunResult> =>
      run('aws', ['--endpoint-url', ce.emu.httpsEndpoint ?? '', ...args], { env, cwd: dir, timeoutMs: 120_000 });

    it('creates a bucket over HTTPS, verifying the certificate (aws s3 mb)', async () => {
      const r = await aws(['s3', 'mb', `s3://${bucket}`]);
      expect(r.code, explain('aws s3 mb over https', r, ce)).to.equal(0);
    });

    it('puts an object as aws-chunked with an x-amz-checksum-crc32 trailer; the decoded bytes are stored', async () => {
      const f = randomFile(dir, 'chunked.bin', 100_000);
      const r = await aws(['--debug', 's3api', 'put-object', '--bucket', bucket, '--key', 'chunked.bin', '--body', f.path]);
      expect(r.code, explain('aws s3api put-object over https', r, ce)).to.equal(0);
      expect(r.stderr, 'the CLI did not use the aws-chunked form').to.match(/'Content-Encoding': b'aws-chunked'/);
      expect(r.stderr).to.match(/'X-Amz-Trailer': b'x-amz-checksum-crc32'/);
      expect((await sdkGet(ce, bucket, 'chunked.bin')).data.equals(f.data), 'stored bytes are not the decoded payload').to.equal(true);
    });

    it('uploads 20 MiB in 8 MiB aws-chunked parts, ETag "<md5-of-md5s>-3", and reads it back (aws s3 cp)', async () => {
      const f = randomFile(dir, 'big.bin', BIG);
      const r = await aws(['s3', 'cp', '--only-show-errors', f.path, `s3://${bucket}/big.bin`]);
      expect(r.code, explain('aws s3 cp multipart over https', r, ce)).to.equal(0);
      const out = join(dir, 'big.out');
      const g = await aws(['s3api', 'get-object', '--bucket', bucket, '--key', 'big.bin', out]);
      expect(g.code, explain('aws s3api get-object over https', g, ce)).to.equal(0);
      expect(readFileSync(out).equals(f.data)).to.equal(true);
      expect((JSON.parse(g.stdout) as { ETag: string }).ETag).to.equal(multipartEtag(f.data, CHUNK));
    });

    it('presigns over HTTPS (aws s3 presign) and curl --cacert fetches it', async () => {
      await sdkPut(ce, bucket, 'p.txt', 'tls presigned');
      const r = await aws(['s3', 'presign', `s3://${bucket}/p.txt`]);
      expect(r.code, explain('aws s3 presign over https', r, ce)).to.equal(0);
      expect(r.stdout.trim()).to.match(/^https:\/\/localhost:\d+\//);
      const got = await fetchUrl(r.stdout.trim(), { caFile: ce.emu.caFile });
      expect(got.status, got.body.toString()).to.equal(200);
      expect(got.body.toString()).to.equal('tls presigned');
    });
  });
});
