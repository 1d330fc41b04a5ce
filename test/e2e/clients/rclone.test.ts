/**
 * rclone 1.60 against the emulator, unmodified: an s3 remote with provider Other and
 * force_path_style, plus HTTPS with --ca-cert. rclone's habits: `x-amz-acl: private` on
 * CreateBucket and every upload (accepted from the owner with ACLs disabled, as AWS does),
 * a HEAD after each upload to check size/modtime, server-side copy with CopyObject, and
 * SigV4 presigned links (`rclone link`).
 *
 * AWS_CA_BUNDLE must not be set for rclone 1.60 (its SDK fails with
 * "LoadCustomCABundleError ... unsupported transport"); cleanEnv drops it, and HTTPS uses --ca-cert.
 */
import { expect } from 'chai';
import { PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ACCESS_KEY, MiB, SECRET_KEY, available, bucketName, cleanEnv, explain, fetchUrl, multipartEtag, randomFile, run,
  sdkCreateBucket, sdkExists, sdkGet, sdkKeys, sdkPut, requireClient, useClientEmulator, type ClientEmulator, type RunResult,
} from './common';

const CHUNK = 8 * MiB;
const BIG = 20 * MiB;

function writeRcloneConf(dir: string, endpoint: string): string {
  const path = join(dir, 'rclone.conf');
  writeFileSync(path, [
    '[emu]',
    'type = s3',
    'provider = Other',
    'env_auth = false',
    `access_key_id = ${ACCESS_KEY}`,
    `secret_access_key = ${SECRET_KEY}`,
    'region = us-east-1',
    `endpoint = ${endpoint}`,
    'force_path_style = true',
    '',
  ].join('\n'), { mode: 0o600 });
  return path;
}

describe('client: rclone', function () {
  this.timeout(180_000);
  const installed = requireClient(() => available('rclone', ['--version']), 'rclone not installed (`rclone --version` failed); apt-get install rclone, or run .ci/install-clients.sh');

  describe('over HTTP (provider Other, force_path_style)', () => {
    let ce: ClientEmulator;
    let dir: string;
    let conf: string;
    let env: NodeJS.ProcessEnv;
    let bucket: string;

    useClientEmulator({ dir: 'rclone', installed }, async (started, tmp) => {
      ce = started;
      dir = tmp;
      conf = writeRcloneConf(dir, ce.emu.endpoint);
      env = cleanEnv({ HOME: dir, XDG_CONFIG_HOME: dir, XDG_CACHE_HOME: join(dir, 'cache') });
      bucket = bucketName('rclone');
      await sdkCreateBucket(ce, bucket);
    });

    const rclone = (args: string[]): Promise<RunResult> =>
      run('rclone', ['--config', conf, '--retries', '1', '--low-level-retries', '1', '--contimeout', '10s', ...args], { env, cwd: dir, timeoutMs: 120_000 });

    it('creates a bucket, sending x-amz-acl: private (rclone mkdir)', async () => {
      const b = bucketName('rclone-mk');
      const r = await rclone(['mkdir', '--dump', 'headers', `emu:${b}`]);
      expect(r.code, explain('rclone mkdir', r, ce)).to.equal(0);
      expect(r.stderr).to.match(/X-Amz-Acl: private/i);
      expect(await sdkKeys(ce, b)).to.deep.equal([]);
    });

    it('puts an object, sending x-amz-acl: private, then HEADs it (rclone copyto FILE emu:)', async () => {
      const f = randomFile(dir, 'put.bin', 5000);
      const r = await rclone(['copyto', '--dump', 'headers', f.path, `emu:${bucket}/put.bin`]);
      expect(r.code, explain('rclone copyto upload', r, ce)).to.equal(0);
      expect(r.stderr).to.match(/X-Amz-Acl: private/i);
      expect(r.stderr, 'rclone reported a problem').to.not.match(/ERROR|corrupted/);
      expect((await sdkGet(ce, bucket, 'put.bin')).data.equals(f.data)).to.equal(true);
    });

    it('gets an object (rclone cat, rclone copyto emu: FILE)', async () => {
      await sdkPut(ce, bucket, 'get.txt', 'rclone get');
      const c = await rclone(['cat', `emu:${bucket}/get.txt`]);
      expect(c.code, explain('rclone cat', c, ce)).to.equal(0);
      expect(c.stdout).to.equal('rclone get');
      const out = join(dir, 'get.out');
      const r = await rclone(['copyto', `emu:${bucket}/get.txt`, out]);
      expect(r.code, explain('rclone copyto download', r, ce)).to.equal(0);
      expect(readFileSync(out, 'utf8')).to.equal('rclone get');
    });

    it('lists objects (rclone lsf, rclone lsjson)', async () => {
      await sdkPut(ce, bucket, 'list/a.txt', 'a');
      await sdkPut(ce, bucket, 'list/b.txt', 'bb');
      const r = await rclone(['lsf', `emu:${bucket}/list`]);
      expect(r.code, explain('rclone lsf', r, ce)).to.equal(0);
      expect(r.stdout.trim().split('\n')).to.deep.equal(['a.txt', 'b.txt']);
      const j = await rclone(['lsjson', `emu:${bucket}/list`]);
      expect(j.code, explain('rclone lsjson', j, ce)).to.equal(0);
      expect((JSON.parse(j.stdout) as { Name: string; Size: number }[]).map((e) => [e.Name, e.Size])).to.deep.equal([['a.txt', 1], ['b.txt', 2]]);
    });

    it('copies an object server-side (rclone copyto emu: emu:)', async () => {
      await sdkPut(ce, bucket, 'src.txt', 'rclone copy');
      const r = await rclone(['copyto', `emu:${bucket}/src.txt`, `emu:${bucket}/dst.txt`]);
      expect(r.code, explain('rclone copyto s3->s3', r, ce)).to.equal(0);
      expect(ce.lines.some((l) => l.includes('"CopyObject"') && l.includes('dst.txt')), 'no CopyObject seen').to.equal(true);
      expect((await sdkGet(ce, bucket, 'dst.txt')).data.toString()).to.equal('rclone copy');
    });

    it('deletes an object (rclone deletefile)', async () => {
      await sdkPut(ce, bucket, 'del.txt', 'x');
      const r = await rclone(['deletefile', `emu:${bucket}/del.txt`]);
      expect(r.code, explain('rclone deletefile', r, ce)).to.equal(0);
      expect(await sdkExists(ce, bucket, 'del.txt')).to.equal(false);
    });

    it('uploads 20 MiB as a multipart upload with 8 MiB parts and the "<md5-of-md5s>-3" ETag (--s3-upload-cutoff/--s3-chunk-size 8M)', async () => {
      const f = randomFile(dir, 'big.bin', BIG);
      const r = await rclone(['copyto', '--s3-upload-cutoff', '8M', '--s3-chunk-size', '8M', f.path, `emu:${bucket}/big.bin`]);
      expect(r.code, explain('rclone multipart upload', r, ce)).to.equal(0);
      const got = await sdkGet(ce, bucket, 'big.bin');
      expect(got.data.equals(f.data), 'stored bytes differ').to.equal(true);
      expect(got.etag).to.equal(multipartEtag(f.data, CHUNK));
      const out = join(dir, 'big.out');
      const d = await rclone(['copyto', `emu:${bucket}/big.bin`, out]);
      expect(d.code, explain('rclone download of the multipart object', d, ce)).to.equal(0);
      expect(readFileSync(out).equals(f.data)).to.equal(true);
    });

    it('checks files against the bucket (rclone check: HEAD + list, md5 from metadata)', async () => {
      const f = randomFile(dir, 'chk.bin', 3000);
      const up = await rclone(['copyto', f.path, `emu:${bucket}/chk/chk.bin`]);
      expect(up.code, explain('rclone copyto', up, ce)).to.equal(0);
      const sub = join(dir, 'chkdir');
      mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, 'chk.bin'), f.data);
      const r = await rclone(['check', sub, `emu:${bucket}/chk`]);
      expect(r.code, explain('rclone check', r, ce)).to.equal(0);
    });

    it('on a versioning-suspended bucket, HEADs ?versionId=null after upload and reads/deletes the null version', async () => {
      const b = bucketName('rclone-susp');
      await sdkCreateBucket(ce, b);
      for (const Status of ['Enabled', 'Suspended'] as const) {
        await ce.s3.send(new PutBucketVersioningCommand({ Bucket: b, VersioningConfiguration: { Status } }));
      }
      const f = randomFile(dir, 'susp.bin', 2000);
      const up = await rclone(['copyto', '--dump', 'headers', f.path, `emu:${b}/susp.bin`]);
      expect(up.code, explain('rclone copyto (suspended bucket)', up, ce)).to.equal(0);
      expect(up.stderr, 'rclone did not ask for versionId=null').to.match(/HEAD \/[^ ]+\/susp\.bin\?versionId=null HTTP/);
      expect(up.stderr).to.not.match(/ERROR|corrupted/);
      const c = await rclone(['cat', `emu:${b}/susp.bin`]);
      expect(c.code, explain('rclone cat (suspended bucket)', c, ce)).to.equal(0);
      const d = await rclone(['deletefile', `emu:${b}/susp.bin`]);
      expect(d.code, explain('rclone deletefile (suspended bucket)', d, ce)).to.equal(0);
      expect(await sdkExists(ce, b, 'susp.bin')).to.equal(false);
    });

    it('makes a SigV4 presigned link (rclone link --expire) that curl fetches', async () => {
      await sdkPut(ce, bucket, 'link.txt', 'rclone link');
      const r = await rclone(['link', '--expire', '5m', `emu:${bucket}/link.txt`]);
      expect(r.code, explain('rclone link', r, ce)).to.equal(0);
      const url = r.stdout.trim();
      expect(url).to.contain('X-Amz-Algorithm=AWS4-HMAC-SHA256').and.to.contain('X-Amz-Expires=300');
      const got = await fetchUrl(url);
      expect(got.status, `${got.body.toString()}\n${ce.tail()}`).to.equal(200);
      expect(got.body.toString()).to.equal('rclone link');
    });
  });

  describe('over HTTPS (--ca-cert)', () => {
    let ce: ClientEmulator;
    let dir: string;
    let conf: string;
    let env: NodeJS.ProcessEnv;

    useClientEmulator({ dir: 'rclone-tls', https: true, installed }, (started, tmp) => {
      ce = started;
      dir = tmp;
      conf = writeRcloneConf(dir, ce.emu.httpsEndpoint ?? '');
      env = cleanEnv({ HOME: dir, XDG_CONFIG_HOME: dir, XDG_CACHE_HOME: join(dir, 'cache') });
    });

    it('creates a bucket, uploads 20 MiB multipart and reads it back over HTTPS, verifying the certificate', async () => {
      const rclone = (args: string[]) =>
        run('rclone', ['--config', conf, '--ca-cert', ce.emu.caFile ?? '', '--retries', '1', '--low-level-retries', '1', ...args], { env, cwd: dir, timeoutMs: 120_000 });
      const b = bucketName('rclone-tls');
      const mk = await rclone(['mkdir', `emu:${b}`]);
      expect(mk.code, explain('rclone mkdir over https', mk, ce)).to.equal(0);
      const f = randomFile(dir, 'big.bin', BIG);
      const up = await rclone(['copyto', '--s3-upload-cutoff', '8M', '--s3-chunk-size', '8M', f.path, `emu:${b}/big.bin`]);
      expect(up.code, explain('rclone upload over https', up, ce)).to.equal(0);
      expect((await sdkGet(ce, b, 'big.bin')).etag).to.equal(multipartEtag(f.data, CHUNK));
      const out = join(dir, 'big.out');
      const d = await rclone(['copyto', `emu:${b}/big.bin`, out]);
      expect(d.code, explain('rclone download over https', d, ce)).to.equal(0);
      expect(readFileSync(out).equals(f.data)).to.equal(true);
    });
  });
});
