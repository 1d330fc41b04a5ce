import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { bodyString, sdkError, signFor, startHarness, uniqueBucket, useTempDir } from '../support/e2e';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } from '../../../server/config';

const INDEX = resolve(__dirname, '../../../server/index.js');

interface Child { proc: ChildProcess; endpoint: string; port: number }

function startChild(dataDir: string): Promise<Child> {
  const script = `require(${JSON.stringify(INDEX)}).startEmulator({ port: 0, tlsPort: false, dataDir: process.env.S3EMU_CRASH_DIR, quiet: true })`
    + `.then((e) => process.stdout.write('READY ' + e.endpoint + '\\n'), (err) => { console.error(err); process.exit(2); });`;
  const proc = spawn(process.execPath, ['-e', script], { env: { ...process.env, S3EMU_CRASH_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((ok, fail) => {
    let out = '';
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\S+)/.exec(out);
      if (m) ok({ proc, endpoint: m[1], port: Number(new URL(m[1]).port) });
    });
    proc.once('exit', (code) => fail(new Error(`child exited early (${code}): ${err}`)));
  });
}

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out;
}

/** Resolves when cond() holds, checking on each event-loop turn (no fixed sleeps). */
async function until(cond: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

describe('s3 e2e: crash safety (SIGKILL mid-upload)', () => {
  let dataDir: string;
  useTempDir('s3emu-crash-', (d) => { dataDir = d; });

  it('SIGKILL_during_PUT_leaves_old_object_intact_new_key_absent_and_no_orphans', async () => {
    const Bucket = uniqueBucket('crash');
    const child = await startChild(dataDir);
    const credentials = { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY };
    const s3 = new S3Client({ endpoint: child.endpoint, region: 'us-east-1', forcePathStyle: true, credentials, maxAttempts: 1 });
    try {
      await s3.send(new CreateBucketCommand({ Bucket }));
      await s3.send(new PutObjectCommand({ Bucket, Key: 'victim', Body: 'OLD CONTENT' }));

      const tmpDir = join(dataDir, 'objects', 'tmp');
      const declared = 64 * 1024 * 1024;
      const sendPartial = (Key: string) => {
        const signed = signFor(child.port, credentials, {
          method: 'PUT', path: `/${Bucket}/${Key}`,
          headers: { 'Content-Length': String(declared), 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD', 'Content-Type': 'application/octet-stream' },
        });
        const req = httpRequest({ host: '127.0.0.1', port: child.port, method: 'PUT', path: signed.path, headers: { ...signed.headers, host: signed.host }, agent: false });
        req.on('error', () => undefined);
        req.on('response', (res) => res.resume());
        const chunk = Buffer.alloc(1024 * 1024, 0x42);
        for (let i = 0; i < 8; i++) req.write(chunk);
        return req;
      };
      const overwrite = sendPartial('victim');
      const fresh = sendPartial('fresh');
      // The server is streaming both bodies to disk when we pull the plug.
      await until(() => files(tmpDir).filter((f) => statSync(f).size > 0).length >= 2, 'partial uploads to reach disk');
      const exited = new Promise((r) => child.proc.once('exit', r));
      child.proc.kill('SIGKILL');
      await exited;
      overwrite.destroy();
      fresh.destroy();
      expect(files(tmpDir).length).to.be.greaterThan(0);
    } finally {
      if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL');
      s3.destroy();
    }

    // A blob renamed into place but never committed (crash between rename and commit).
    const orphan = join(dataDir, 'objects', 'blobs', 'ab', 'ab' + '0'.repeat(30));
    writeFileSync(orphan, 'orphan');

    const h = await startHarness({ ephemeral: false, dataDir });
    try {
      const c = h.s3();
      const got = await c.send(new GetObjectCommand({ Bucket, Key: 'victim' }));
      expect(await bodyString(got.Body)).to.equal('OLD CONTENT');
      expect(got.ContentLength).to.equal(11);
      expect((await sdkError(c.send(new HeadObjectCommand({ Bucket, Key: 'fresh' })))).status).to.equal(404);
      const list = await c.send(new ListObjectsV2Command({ Bucket }));
      expect(list.Contents?.map((o) => o.Key)).to.deep.equal(['victim']);
      expect(files(join(dataDir, 'objects', 'tmp'))).to.deep.equal([]);
      expect(existsSync(orphan)).to.equal(false);
      // The surviving object is small, so its bytes live in small-objects.db, not in a file.
      expect(files(join(dataDir, 'objects', 'blobs'))).to.have.length(0);
    } finally {
      await h.emu.stop();
    }
    const db = new Database(join(dataDir, 'small-objects.db'), { readonly: true });
    try {
      expect((db.prepare('SELECT count(*) AS n FROM blobs').get() as { n: number }).n).to.equal(1);
    } finally {
      db.close();
    }
  });
});
