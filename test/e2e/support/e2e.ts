import { request as httpRequest, Agent, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { LookupFunction } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import aws4 from 'aws4';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../server/index';

/** An in-process emulator on a free port, with SDK client factories (path-style and virtual-hosted). */
export interface Harness {
  readonly emu: Emulator;
  readonly port: number;
  s3(o?: ClientOverrides): S3Client;
}

export interface ClientOverrides {
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
  endpoint?: string;
  region?: string;
}

/** Resolves every host name (bucket.localhost included) to 127.0.0.1. */
export const loopbackLookup: LookupFunction = ((_host: string, opts: unknown, cb?: unknown) => {
  const callback = (typeof opts === 'function' ? opts : cb) as (err: Error | null, address: string | { address: string; family: number }[], family?: number) => void;
  const all = typeof opts === 'object' && opts !== null && (opts as { all?: boolean }).all === true;
  if (all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
}) as unknown as LookupFunction;

export function makeClient(emu: Emulator, o: ClientOverrides = {}): S3Client {
  const pathStyle = o.forcePathStyle ?? true;
  return new S3Client({
    endpoint: o.endpoint ?? emu.endpoint,
    region: o.region ?? 'us-east-1',
    forcePathStyle: pathStyle,
    credentials: { accessKeyId: o.accessKeyId ?? emu.credentials.accessKeyId, secretAccessKey: o.secretAccessKey ?? emu.credentials.secretAccessKey },
    maxAttempts: 1,
    requestHandler: pathStyle ? undefined : new NodeHttpHandler({ httpAgent: new Agent({ lookup: loopbackLookup }) }),
  });
}

export async function startHarness(opts: EmulatorOptions = {}): Promise<Harness> {
  const emu = await startEmulator({ port: 0, tlsPort: false, ephemeral: true, quiet: true, ...opts });
  const port = Number(new URL(emu.endpoint).port);
  return { emu, port, s3: (o = {}) => makeClient(emu, o) };
}

/**
 * Registers mocha hooks on the enclosing describe: `before` runs `start()` and hands what it
 * made to `setup`; `after` hands it to `stop`. The one place suites start and stop things.
 */
export function useSuiteResource<T>(start: () => T | Promise<T>, stop: (r: T) => void | Promise<void>, setup: (r: T) => void | Promise<void>): void {
  let resource: T;
  before(async () => {
    resource = await start();
    await setup(resource);
  });
  after(async () => { await stop(resource); });
}

/** What useEmulator hands its callback: the harness and a default path-style client. */
export interface EmulatorContext {
  readonly h: Harness;
  readonly s3: S3Client;
}

/** What withBucket hands its callback: useEmulator's context plus the bucket it created. */
export interface BucketContext extends EmulatorContext {
  readonly Bucket: string;
}

/** An in-process emulator (startHarness(opts)) for the enclosing describe, stopped after it. */
export function useEmulator(setup: (ctx: EmulatorContext) => void | Promise<void>, opts: EmulatorOptions = {}): void {
  useSuiteResource(() => startHarness(opts), (h) => h.emu.stop(), (h) => setup({ h, s3: h.s3() }));
}

/** useEmulator, plus a bucket named uniqueBucket(prefix) created before `setup` runs. */
export function withBucket(prefix: string, setup: (ctx: BucketContext) => void | Promise<void>, opts: EmulatorOptions = {}): void {
  useEmulator(async ({ h, s3 }) => {
    const Bucket = uniqueBucket(prefix);
    await s3.send(new CreateBucketCommand({ Bucket }));
    await setup({ h, s3, Bucket });
  }, opts);
}

/** A fresh directory under os.tmpdir() (named prefix + random) for the enclosing describe, removed after it. */
export function useTempDir(prefix: string, setup: (dir: string) => void): void {
  useSuiteResource(() => mkdtempSync(join(tmpdir(), prefix)), (dir) => rmSync(dir, { recursive: true, force: true }), setup);
}

export interface SdkFailure {
  name: string;
  status: number | undefined;
  message: string;
  error: Error & Record<string, unknown>;
}

/** Awaits a rejection and returns the SDK error's name, HTTP status and the error itself. */
export async function sdkError(p: Promise<unknown>): Promise<SdkFailure> {
  try {
    await p;
  } catch (e) {
    const err = e as Error & { $metadata?: { httpStatusCode?: number } } & Record<string, unknown>;
    return { name: err.name, status: err.$metadata?.httpStatusCode, message: err.message, error: err };
  }
  throw new Error('expected the request to fail, but it succeeded');
}

let counter = 0;
export function uniqueBucket(prefix = 't'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export interface RawRequestOptions {
  method?: string;
  /** Path including the query string, already encoded as it should go on the wire. */
  path: string;
  headers?: OutgoingHttpHeaders;
  body?: Buffer | string;
  /** Host header to send (default 127.0.0.1:port). */
  host?: string;
}

/** A plain HTTP request to the emulator, sent exactly as given. */
export function rawRequest(port: number, o: RawRequestOptions): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: OutgoingHttpHeaders = { ...(o.headers ?? {}) };
    if (o.host !== undefined) headers['host'] = o.host;
    const body = o.body === undefined ? undefined : Buffer.isBuffer(o.body) ? o.body : Buffer.from(o.body);
    if (body !== undefined && headers['content-length'] === undefined && headers['Content-Length'] === undefined) headers['content-length'] = body.length;
    const req = httpRequest({ host: '127.0.0.1', port, method: o.method ?? 'GET', path: o.path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const b = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: b, text: b.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export interface SignOptions {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  host?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  region?: string;
  service?: string;
  signQuery?: boolean;
}

export interface SignedRequest {
  path: string;
  /** The signed headers, Host left out (send `host` as the Host header). */
  headers: Record<string, string>;
  host: string;
}

/** Signs with aws4 (SigV4) for the harness's emulator and returns path and headers ready for rawRequest. */
export function sign(h: Harness, o: SignOptions): SignedRequest {
  return signFor(h.port, h.emu.credentials, o);
}

/**
 * Signs with aws4 (SigV4) for any emulator listening on 127.0.0.1:port (a child process
 * included); `credentials` are used unless `o` names its own.
 */
export function signFor(port: number, credentials: { accessKeyId: string; secretAccessKey: string }, o: SignOptions): SignedRequest {
  const host = o.host ?? `127.0.0.1:${port}`;
  const opts: aws4.Request & { signQuery?: boolean } = {
    host,
    method: o.method ?? 'GET',
    path: o.path,
    headers: { ...(o.headers ?? {}) },
    body: o.body,
    service: o.service ?? 's3',
    region: o.region ?? 'us-east-1',
    signQuery: o.signQuery,
  };
  aws4.sign(opts, { accessKeyId: o.accessKeyId ?? credentials.accessKeyId, secretAccessKey: o.secretAccessKey ?? credentials.secretAccessKey });
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.headers ?? {})) {
    if (k.toLowerCase() === 'host') continue;
    headers[k] = String(v);
  }
  return { path: opts.path ?? o.path, headers, host };
}

/** Signs with aws4 and sends. */
export async function signedRequest(h: Harness, o: SignOptions): Promise<RawResponse> {
  const s = sign(h, o);
  return rawRequest(h.port, { method: o.method ?? 'GET', path: s.path, headers: s.headers, body: o.body, host: s.host });
}

/** The text of the first <name> element of an XML document (entities decoded), or undefined. */
export function xmlText(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
  if (!m) return undefined;
  return m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Every <name> element's text, in order. */
export function xmlAll(xml: string, name: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, 'g');
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(m[1]);
  return out;
}

/** Moves the emulated clock forward. */
export function advanceClock(h: Harness, seconds: number): void {
  h.emu.clock.advanceSeconds(seconds);
}

export async function bodyBytes(body: unknown): Promise<Buffer> {
  const b = body as { transformToByteArray(): Promise<Uint8Array> } | undefined;
  if (!b) throw new Error('no body');
  return Buffer.from(await b.transformToByteArray());
}

export async function bodyString(body: unknown): Promise<string> {
  return (await bodyBytes(body)).toString('utf8');
}
