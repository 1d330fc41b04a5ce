// Shared helpers for the encryption and KMS end-to-end tests: an in-process emulator with
// HTTP and HTTPS listeners, S3 clients for both, a KMS client on the same endpoint, SSE-C
// keys, header surgery for requests the SDK would otherwise "fix", and a data-dir scanner.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { Agent as HttpsAgent } from 'node:https';
import { join } from 'node:path';
import { KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, PutBucketEncryptionCommand, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../server/index';
import { sdkError, useSuiteResource } from '../support/e2e';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const SEGMENT = 64 * 1024;
export const MiB = 1024 * 1024;

/** Emulator config with the default root credentials and one seeded KMS key (my-key-id, alias/app, rotation on). */
export const SEEDED_KMS_CONFIG = {
  accounts: [{
    id: '123456789012',
    root: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    kmsKeys: [{ id: 'my-key-id', aliases: ['alias/app'], enabled: true, rotation: true }],
  }],
};

export interface Creds { accessKeyId: string; secretAccessKey: string }

export interface EncHarness {
  readonly emu: Emulator;
  /** Plain HTTP S3 client. */
  s3(creds?: Partial<Creds>): S3Client;
  /** HTTPS S3 client trusting the emulator's CA. */
  s3s(creds?: Partial<Creds>): S3Client;
  kms(creds?: Partial<Creds>): KMSClient;
  stop(): Promise<void>;
}

export async function startEnc(opts: EmulatorOptions = {}): Promise<EncHarness> {
  const emu = await startEmulator({ port: 0, tlsPort: 0, ephemeral: true, quiet: true, ...opts });
  const clients: Array<{ destroy(): void }> = [];
  const ca = emu.caFile ? readFileSync(emu.caFile) : undefined;
  const creds = (c: Partial<Creds> = {}) => ({
    accessKeyId: c.accessKeyId ?? emu.credentials.accessKeyId,
    secretAccessKey: c.secretAccessKey ?? emu.credentials.secretAccessKey,
  });
  const track = <T extends { destroy(): void }>(c: T): T => { clients.push(c); return c; };
  return {
    emu,
    s3: (c) => track(new S3Client({ endpoint: emu.endpoint, region: REGION, forcePathStyle: true, credentials: creds(c), maxAttempts: 1 })),
    s3s: (c) => {
      if (!emu.httpsEndpoint || !ca) throw new Error('no HTTPS listener');
      return track(new S3Client({
        endpoint: emu.httpsEndpoint, region: REGION, forcePathStyle: true, credentials: creds(c), maxAttempts: 1,
        requestHandler: new NodeHttpHandler({ httpsAgent: new HttpsAgent({ ca }) }),
      }));
    },
    kms: (c) => track(new KMSClient({ endpoint: emu.endpoint, region: REGION, credentials: creds(c), maxAttempts: 1 })),
    async stop() {
      for (const c of clients) c.destroy();
      await emu.stop();
    },
  };
}

/** startEnc(opts) for the enclosing describe (mocha before/after hooks), stopped after it. */
export function useEnc(setup: (h: EncHarness) => void | Promise<void>, opts: EmulatorOptions = {}): void {
  useSuiteResource(() => startEnc(opts), (h) => h.stop(), setup);
}

export interface Failure {
  /** The error code (XML <Code> / JSON __type), falling back to the SDK error name. */
  code: string;
  status: number | undefined;
  message: string;
  error: Error & Record<string, unknown>;
}

/** Awaits a rejection; fails the test if the call succeeded. */
export async function failure(p: Promise<unknown>): Promise<Failure> {
  const { name, status, message, error } = await sdkError(p);
  const code = typeof error.Code === 'string' && error.Code ? error.Code : name;
  return { code, status, message, error };
}

let counter = 0;
export function bucketName(prefix = 'enc'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${randomBytes(3).toString('hex')}`;
}

export async function createBucket(s3: S3Client, prefix?: string): Promise<string> {
  const b = bucketName(prefix);
  await s3.send(new CreateBucketCommand({ Bucket: b }));
  return b;
}

/** A bucket where SSE-C writes are allowed (BlockedEncryptionTypes NONE), default SSE-S3. */
export async function createSsecBucket(s3: S3Client, prefix = 'ssec'): Promise<string> {
  const b = await createBucket(s3, prefix);
  await s3.send(new PutBucketEncryptionCommand({
    Bucket: b,
    ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BlockedEncryptionTypes: { EncryptionType: ['NONE'] } }] },
  }));
  return b;
}

export interface SsecKey { raw: Buffer; b64: string; md5: string }

export function ssecKey(raw: Buffer = randomBytes(32)): SsecKey {
  return { raw, b64: raw.toString('base64'), md5: createHash('md5').update(raw).digest('base64') };
}

/** SSE-C request members for a key. */
export function ssec(k: SsecKey): { SSECustomerAlgorithm: string; SSECustomerKey: string; SSECustomerKeyMD5: string } {
  return { SSECustomerAlgorithm: 'AES256', SSECustomerKey: k.b64, SSECustomerKeyMD5: k.md5 };
}

export function copySsec(k: SsecKey): { CopySourceSSECustomerAlgorithm: string; CopySourceSSECustomerKey: string; CopySourceSSECustomerKeyMD5: string } {
  return { CopySourceSSECustomerAlgorithm: 'AES256', CopySourceSSECustomerKey: k.b64, CopySourceSSECustomerKeyMD5: k.md5 };
}

interface Stackable { middlewareStack: { add(mw: unknown, opts: { step: 'build'; name?: string; priority?: 'low' }): void } }

/**
 * Edits the raw HTTP headers of one command after the SDK built them (and before it signs),
 * so that requests the SDK would normally correct (a wrong key MD5, a missing header) go out.
 */
export function editHeaders<C>(cmd: C, edit: (h: Record<string, string>) => void): C {
  (cmd as unknown as Stackable).middlewareStack.add(
    (next: (a: unknown) => Promise<unknown>) => async (args: { request: { headers: Record<string, string> } }) => {
      const lower: Record<string, string> = {};
      for (const [k, v] of Object.entries(args.request.headers)) lower[k.toLowerCase()] = v;
      edit(lower);
      args.request.headers = lower;
      return next(args);
    },
    { step: 'build', priority: 'low' },
  );
  return cmd;
}

export async function bytes(body: unknown): Promise<Buffer> {
  const b = body as { transformToByteArray(): Promise<Uint8Array> } | undefined;
  if (!b) return Buffer.alloc(0);
  return Buffer.from(await b.transformToByteArray());
}

/** A multi-segment payload full of a distinctive marker. */
export function markerPayload(marker: string, size: number): Buffer {
  const unit = Buffer.from(`${marker}|`);
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i += unit.length) unit.copy(out, i, 0, Math.min(unit.length, size - i));
  return out;
}

export function keyArn(keyId: string): string {
  return `arn:aws:kms:${REGION}:${ACCOUNT}:key/${keyId}`;
}

export function aliasArn(alias: string): string {
  return `arn:aws:kms:${REGION}:${ACCOUNT}:${alias}`;
}

/** Every regular file under dir, recursively. */
export function allFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...allFiles(p));
    else if (st.isFile()) out.push(p);
  }
  return out;
}

/** Files under dir (binary) that contain any of the needles: returns "file: needle-label". */
export function scanFor(dir: string, needles: ReadonlyArray<{ label: string; bytes: Buffer }>): string[] {
  const hits: string[] = [];
  for (const f of allFiles(dir)) {
    const data = readFileSync(f);
    for (const n of needles) if (n.bytes.length > 0 && data.includes(n.bytes)) hits.push(`${f}: ${n.label}`);
  }
  return hits;
}

export const SSE_C_MESSAGES = {
  required: 'The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.',
  wrongKey: 'Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key.',
  badMd5: 'The calculated MD5 hash of the key did not match the hash that was provided.',
  badKey: 'The secret key was invalid for the specified algorithm.',
  noKey: 'Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.',
  noAlgorithm: 'Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.',
  noMd5: 'Requests specifying Server Side Encryption with Customer provided keys must provide the client calculated MD5 of the secret key.',
  badAlgorithm: 'The Encryption request you specified is not valid. Supported value: AES256.',
  incompatible: 'Server Side Encryption with Customer provided key is incompatible with the encryption method specified',
  overHttp: 'Requests specifying Server Side Encryption with Customer provided keys must be made over a secure connection.',
  partWithoutKey: 'The multipart upload initiate requested encryption. Subsequent part requests must include the appropriate encryption parameters.',
  partKeyDiffers: 'The provided encryption parameters did not match the ones used originally.',
} as const;
