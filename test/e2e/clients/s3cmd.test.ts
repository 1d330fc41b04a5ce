/**
 * s3cmd 2.3 against the emulator, unmodified, once with SigV4 and once with SigV2
 * (signature_v2 = True), path-style (host_bucket without %(bucket)s), plus HTTPS with
 * --ca-certs. s3cmd's habits: `cp` reads the source's ACL, `info` reads location, policy,
 * CORS, lifecycle and ACL, and `signurl` makes SigV2 URLs only.
 */
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ACCESS_KEY, MiB, SECRET_KEY, available, bucketName, cleanEnv, explain, fetchUrl, multipartEtag, randomFile, run,
  sdkCreateBucket, sdkExists, sdkGet, sdkKeys, sdkPut, requireClient, useClientEmulator, type ClientEmulator, type RunResult,
} from './common';

const CHUNK = 8 * MiB;
const BIG = 20 * MiB;

function writeS3cfg(dir: string, name: string, hostPort: string, opts: { sigv2: boolean; https: boolean; caFile?: string }): string {
  const path = join(dir, name);
  writeFileSync(path, [
    '[default]',
    `access_key = ${ACCESS_KEY}`,
    `secret_key = ${SECRET_KEY}`,
    `host_base = ${hostPort}`,
    `host_bucket = ${hostPort}`,
    'bucket_location = us-east-1',
    `use_https = ${opts.https ? 'True' : 'False'}`,
    ...(opts.caFile ? [`ca_certs_file = ${opts.caFile}`, 'check_ssl_certificate = True', 'check_ssl_hostname = True'] : []),
    `signature_v2 = ${opts.sigv2 ? 'True' : 'False'}`,
    'multipart_chunk_size_mb = 8',
    'enable_multipart = True',
    'proxy_host =',
    'progress_meter = False',
    '',
  ].join('\n'), { mode: 0o600 });
  return path;
}

describe('client: s3cmd', function () {
  this.timeout(180_000);
  const installed = requireClient(() => available('s3cmd', ['--version']), 's3cmd not installed (`s3cmd --version` failed); apt-get install s3cmd, or run .ci/install-clients.sh');

  for (const sigv2 of [false, true]) {
    describe(`over HTTP, ${sigv2 ? 'SigV2 (signature_v2 = True)' : 'SigV4 (signature_v2 = False)'}`, () => {
      let ce: ClientEmulator;
      let dir: string;
      let cfg: string;
      let env: NodeJS.ProcessEnv;
      let bucket: string;

      useClientEmulator({ dir: 's3cmd', installed }, async (started, tmp) => {
        ce = started;
        dir = tmp;
        cfg = writeS3cfg(dir, 's3cfg', new URL(ce.emu.endpoint).host, { sigv2, https: false });
        env = cleanEnv({ HOME: dir });
        bucket = bucketName('s3cmd');
        await sdkCreateBucket(ce, bucket);
      });

      const s3cmd = (args: string[]): Promise<RunResult> => run('s3cmd', ['-c', cfg, '--no-progress', ...args], { env, cwd: dir, timeoutMs: 120_000 });

      it('creates a bucket (s3cmd mb)', async () => {
        const b = bucketName('s3cmd-mb');
        const r = await s3cmd(['mb', `s3://${b}`]);
        expect(r.code, explain('s3cmd mb', r, ce)).to.equal(0);
        expect(await sdkKeys(ce, b)).to.deep.equal([]);
      });

      it('puts an object (s3cmd put)', async () => {
        const f = randomFile(dir, 'put.bin', 4096);
        const r = await s3cmd(['--debug', 'put', f.path, `s3://${bucket}/put.bin`]);
        expect(r.code, explain('s3cmd put', r, ce)).to.equal(0);
        expect(r.stderr, 'signature version used').to.contain(sigv2 ? 'Using signature v2' : 'Using signature v4');
        expect((await sdkGet(ce, bucket, 'put.bin')).data.equals(f.data)).to.equal(true);
      });

      it('gets an object (s3cmd get)', async () => {
        await sdkPut(ce, bucket, 'get.txt', 's3cmd get');
        const out = join(dir, 'get.out');
        const r = await s3cmd(['get', `s3://${bucket}/get.txt`, out]);
        expect(r.code, explain('s3cmd get', r, ce)).to.equal(0);
        expect(readFileSync(out, 'utf8')).to.equal('s3cmd get');
      });

      it('lists objects (s3cmd ls)', async () => {
        await sdkPut(ce, bucket, 'list/a.txt', 'a');
        await sdkPut(ce, bucket, 'list/b.txt', 'b');
        const r = await s3cmd(['ls', `s3://${bucket}/list/`]);
        expect(r.code, explain('s3cmd ls', r, ce)).to.equal(0);
        expect(r.stdout).to.contain(`s3://${bucket}/list/a.txt`).and.to.contain(`s3://${bucket}/list/b.txt`);
      });

      it('copies an object (s3cmd cp, which reads the source ACL)', async () => {
        await sdkPut(ce, bucket, 'src.txt', 's3cmd copy');
        const r = await s3cmd(['cp', `s3://${bucket}/src.txt`, `s3://${bucket}/dst.txt`]);
        expect(r.code, explain('s3cmd cp', r, ce)).to.equal(0);
        expect((await sdkGet(ce, bucket, 'dst.txt')).data.toString()).to.equal('s3cmd copy');
      });

      it('deletes an object (s3cmd del)', async () => {
        await sdkPut(ce, bucket, 'del.txt', 'x');
        const r = await s3cmd(['del', `s3://${bucket}/del.txt`]);
        expect(r.code, explain('s3cmd del', r, ce)).to.equal(0);
        expect(await sdkExists(ce, bucket, 'del.txt')).to.equal(false);
      });

      it('uploads 20 MiB as a multipart upload with 8 MiB parts and the "<md5-of-md5s>-3" ETag (s3cmd put)', async () => {
        const f = randomFile(dir, 'big.bin', BIG);
        const r = await s3cmd(['put', f.path, `s3://${bucket}/big.bin`]);
        expect(r.code, explain('s3cmd put (multipart)', r, ce)).to.equal(0);
        const got = await sdkGet(ce, bucket, 'big.bin');
        expect(got.data.equals(f.data), 'stored bytes differ').to.equal(true);
        expect(got.etag).to.equal(multipartEtag(f.data, CHUNK));
        const out = join(dir, 'big.out');
        const g = await s3cmd(['get', `s3://${bucket}/big.bin`, out]);
        expect(g.code, explain('s3cmd get (multipart object; s3cmd checks the md5 it stored)', g, ce)).to.equal(0);
        expect(readFileSync(out).equals(f.data)).to.equal(true);
      });

      it('makes a SigV2 URL (s3cmd signurl) that curl fetches', async () => {
        await sdkPut(ce, bucket, 'signed.txt', 's3cmd signurl');
        const expiry = String(Math.floor(Date.now() / 1000) + 300);
        const r = await s3cmd(['signurl', `s3://${bucket}/signed.txt`, expiry]);
        expect(r.code, explain('s3cmd signurl', r, ce)).to.equal(0);
        const url = r.stdout.trim();
        expect(url).to.contain('AWSAccessKeyId=').and.to.contain('Signature=').and.to.contain(`Expires=${expiry}`);
        const got = await fetchUrl(url);
        expect(got.status, `${got.body.toString()}\n${ce.tail()}`).to.equal(200);
        expect(got.body.toString()).to.equal('s3cmd signurl');
      });

      it('reports bucket info (s3cmd info: location, policy, CORS, lifecycle, ACL with ACLs disabled)', async () => {
        const r = await s3cmd(['info', `s3://${bucket}`]);
        expect(r.code, explain('s3cmd info', r, ce)).to.equal(0);
        expect(r.stdout).to.match(/Location:\s+us-east-1/);
        expect(r.stdout).to.match(/Policy:\s+none/);
        expect(r.stdout).to.match(/CORS:\s+none/);
        expect(r.stdout).to.match(/ACL:\s+\S+: FULL_CONTROL/);
      });

      it('reports object info (s3cmd info s3://bucket/key)', async () => {
        await sdkPut(ce, bucket, 'info.txt', 'info');
        const r = await s3cmd(['info', `s3://${bucket}/info.txt`]);
        expect(r.code, explain('s3cmd info object', r, ce)).to.equal(0);
        expect(r.stdout).to.match(/File size:\s+4/);
        expect(r.stdout).to.match(/ACL:\s+\S+: FULL_CONTROL/);
      });
    });
  }

  describe('over HTTPS (ca_certs_file / --ca-certs)', () => {
    let ce: ClientEmulator;
    let dir: string;
    let cfg: string;
    let env: NodeJS.ProcessEnv;

    useClientEmulator({ dir: 's3cmd-tls', https: true, installed }, (started, tmp) => {
      ce = started;
      dir = tmp;
      cfg = writeS3cfg(dir, 's3cfg', new URL(ce.emu.httpsEndpoint ?? '').host, { sigv2: false, https: true });
      env = cleanEnv({ HOME: dir });
    });

    it('creates a bucket, puts and gets over HTTPS, verifying the certificate with --ca-certs', async () => {
      const s3cmd = (args: string[]) => run('s3cmd', ['-c', cfg, '--no-progress', `--ca-certs=${ce.emu.caFile ?? ''}`, ...args], { env, cwd: dir, timeoutMs: 120_000 });
      const b = bucketName('s3cmd-tls');
      const mb = await s3cmd(['mb', `s3://${b}`]);
      expect(mb.code, explain('s3cmd mb over https', mb, ce)).to.equal(0);
      const f = randomFile(dir, 'tls.bin', 10_000);
      const put = await s3cmd(['put', f.path, `s3://${b}/tls.bin`]);
      expect(put.code, explain('s3cmd put over https', put, ce)).to.equal(0);
      const out = join(dir, 'tls.out');
      const get = await s3cmd(['get', `s3://${b}/tls.bin`, out]);
      expect(get.code, explain('s3cmd get over https', get, ce)).to.equal(0);
      expect(readFileSync(out).equals(f.data)).to.equal(true);
    });
  });
});
