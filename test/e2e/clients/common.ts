/**
 * Shared plumbing for the real-client tests: an in-process emulator whose request log is
 * captured (for failure diagnosis), isolated temp HOME/config dirs, a child-process runner
 * with timeouts, and helpers for expected multipart ETags and fetching presigned URLs.
 *
 * Every client is pointed at 127.0.0.1/localhost only; nothing here touches the network.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startEmulator, type Emulator } from '../../../server/index';
import { createLogger } from '../../../server/log';

export const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
export const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
export const REGION = 'us-east-1';
export const MiB = 1024 * 1024;

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/** Runs a command; never throws for a non-zero exit (the caller asserts on `code`). */
export function run(cmd: string, args: readonly string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(cmd, [...args], { env: opts.env, cwd: opts.cwd, timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 * MiB, encoding: 'utf8' }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean; signal?: string }) | null;
      let code = 0;
      if (e) code = typeof e.code === 'number' ? e.code : -1;
      const extra = e && e.killed ? `\n[killed: ${e.signal ?? 'timeout'}]` : e && typeof e.code === 'string' ? `\n[${e.code}: ${e.message}]` : '';
      resolve({ stdout: String(stdout), stderr: String(stderr) + extra, code });
    });
  });
}

/** True when `cmd args` runs and exits 0 (used to decide whether a client is installed). */
export async function available(cmd: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<boolean> {
  const r = await run(cmd, args, { env: env ?? cleanEnv({}), timeoutMs: 30_000 });
  return r.code === 0;
}

/**
 * The caller's environment with every AWS_* / S3CMD / RCLONE_* variable and proxy setting
 * removed, so neither the developer's own config nor a CA bundle set for other purposes
 * (AWS_CA_BUNDLE breaks rclone 1.60 outright) leaks into a client. `extra` is layered on top.
 */
export function cleanEnv(extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(AWS_|RCLONE_|S3CMD|BOTO_|http_proxy$|https_proxy$|HTTP_PROXY$|HTTPS_PROXY$|all_proxy$|ALL_PROXY$)/.test(k)) continue;
    env[k] = v;
  }
  env['NO_PROXY'] = '127.0.0.1,localhost,.localhost';
  env['no_proxy'] = env['NO_PROXY'];
  return { ...env, ...extra };
}

/** Skips the current suite with a reason printed to the test output (mocha's skip takes none). */
export function skipBecause(ctx: Mocha.Context, reason: string): never {
  process.stdout.write(`      [skipped: ${reason}]\n`);
  ctx.skip();
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `s3emu-${prefix}-`));
}

export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

export interface ClientEmulator {
  readonly emu: Emulator;
  /** Request log lines (JSON) since start, for diagnosis in assertion messages. */
  readonly lines: string[];
  readonly s3: S3Client;
  /** The last n request-log lines, one per line, compacted. */
  tail(n?: number): string;
  stop(): Promise<void>;
}

export async function startClientEmulator(opts: { https?: boolean } = {}): Promise<ClientEmulator> {
  const lines: string[] = [];
  const logger = createLogger({ quiet: false, write: (line) => { lines.push(line); if (lines.length > 2000) lines.shift(); } });
  const emu = await startEmulator({ port: 0, tlsPort: opts.https ? 0 : false, ephemeral: true, quiet: false, logger });
  const s3 = new S3Client({
    endpoint: emu.endpoint, region: REGION, forcePathStyle: true, maxAttempts: 1,
    credentials: { accessKeyId: emu.credentials.accessKeyId, secretAccessKey: emu.credentials.secretAccessKey },
  });
  return {
    emu, lines, s3,
    tail(n = 15) {
      return lines.slice(-n).map((l) => {
        try {
          const d = JSON.parse(l) as Record<string, unknown>;
          return `  ${String(d['operation'] ?? d['msg'] ?? '')} ${String(d['bucket'] ?? '')}/${String(d['key'] ?? '')} -> ${String(d['status'] ?? '')} ${String(d['error'] ?? '')}`;
        } catch { return `  ${l}`; }
      }).join('\n');
    },
    async stop() { s3.destroy(); await emu.stop(); },
  };
}

/**
 * Registers a before hook on the enclosing describe that skips it, printing `reason`, unless
 * `probe` resolves true (the client is installed). Nested hooks ask the returned function.
 */
export function requireClient(probe: () => Promise<boolean>, reason: string): () => boolean {
  let installed = false;
  before(async function () {
    installed = await probe();
    if (!installed) skipBecause(this, reason);
  });
  return () => installed;
}

/**
 * Registers hooks on the enclosing describe: before (skipped unless `installed()`), start
 * startClientEmulator({ https }) and make tempDir(dir), and hand both to `setup`; after, stop
 * the emulator and remove the directory.
 */
export function useClientEmulator(
  opts: { dir: string; https?: boolean; installed?: () => boolean },
  setup: (ce: ClientEmulator, dir: string) => void | Promise<void>,
): void {
  let ce: ClientEmulator | undefined;
  let dir: string | undefined;
  before(async function () {
    if (opts.installed && !opts.installed()) this.skip();
    ce = await startClientEmulator(opts.https ? { https: true } : {});
    dir = tempDir(opts.dir);
    await setup(ce, dir);
  });
  after(async () => { await ce?.stop(); removeDir(dir); });
}

/** A failure message with the client's output and the emulator's recent request log. */
export function explain(what: string, r: RunResult, ce: ClientEmulator): string {
  const clip = (s: string) => (s.length > 3000 ? `${s.slice(0, 1500)}\n...\n${s.slice(-1500)}` : s);
  return `${what}: exit ${r.code}\n--- stdout\n${clip(r.stdout)}\n--- stderr\n${clip(r.stderr)}\n--- emulator requests\n${ce.tail()}`;
}

let seq = 0;
export function bucketName(prefix: string): string {
  seq += 1;
  return `${prefix}-${process.pid}-${seq}-${Math.random().toString(36).slice(2, 7)}`;
}

/** Writes `size` random bytes to dir/name and returns the path and bytes. */
export function randomFile(dir: string, name: string, size: number): { path: string; data: Buffer } {
  const data = randomBytes(size);
  const path = join(dir, name);
  writeFileSync(path, data);
  return { path, data };
}

export function md5hex(b: Buffer): string {
  return createHash('md5').update(b).digest('hex');
}

/** The ETag S3 gives a multipart object uploaded in parts of `partSize`: "md5(md5s)-N". */
export function multipartEtag(data: Buffer, partSize: number): string {
  const digests: Buffer[] = [];
  for (let off = 0; off < data.length; off += partSize) digests.push(createHash('md5').update(data.subarray(off, off + partSize)).digest());
  return `"${createHash('md5').update(Buffer.concat(digests)).digest('hex')}-${digests.length}"`;
}

// ---- SDK-side setup and verification (the JS SDK is the known-good reference client) ----

export async function sdkCreateBucket(ce: ClientEmulator, bucket: string): Promise<void> {
  await ce.s3.send(new CreateBucketCommand({ Bucket: bucket }));
}

export async function sdkPut(ce: ClientEmulator, bucket: string, key: string, body: Buffer | string): Promise<void> {
  await ce.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

export async function sdkGet(ce: ClientEmulator, bucket: string, key: string): Promise<{ data: Buffer; etag: string | undefined }> {
  const r = await ce.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const bytes = await r.Body?.transformToByteArray();
  return { data: Buffer.from(bytes ?? []), etag: r.ETag };
}

export async function sdkKeys(ce: ClientEmulator, bucket: string): Promise<string[]> {
  const r = await ce.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  return (r.Contents ?? []).map((c) => c.Key ?? '');
}

export async function sdkExists(ce: ClientEmulator, bucket: string, key: string): Promise<boolean> {
  return (await sdkKeys(ce, bucket)).includes(key);
}

export async function sdkEtag(ce: ClientEmulator, bucket: string, key: string): Promise<string | undefined> {
  const r = await ce.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  return r.ETag;
}

/**
 * Fetches a (presigned) URL with curl when it is installed, else with Node's fetch, and
 * returns status and bytes. `caFile` is trusted for https URLs.
 */
export async function fetchUrl(url: string, opts: { caFile?: string } = {}): Promise<{ status: number; body: Buffer }> {
  const dir = tempDir('fetch');
  try {
    const out = join(dir, 'body');
    if (await available('curl', ['--version'])) {
      const args = ['-sS', '-o', out, '-w', '%{http_code}', ...(opts.caFile ? ['--cacert', opts.caFile] : []), '--noproxy', '*', url];
      const r = await run('curl', args, { env: cleanEnv({}), timeoutMs: 30_000 });
      if (r.code !== 0) throw new Error(`curl failed: ${r.stderr}`);
      return { status: Number(r.stdout.trim()), body: readFileSync(out) };
    }
    const res = await fetch(url);
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
  } finally {
    removeDir(dir);
  }
}
