// A deliberately light S3 client: undici + aws4 header signing. The AWS SDK costs
// ~0.6 ms of CPU per request, which at 4 KiB would benchmark the client instead.
import { createHash } from 'node:crypto';
import aws4 from 'aws4';
import { Pool } from 'undici';
import type { Endpoint } from './types';

export const BUCKET = 'bench';
const REGION = 'us-east-1';
/** sha256 of the empty payload, what GET/LIST sign. */
const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

export function sha256Hex(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

/** A request's outcome; the body is always fully consumed before this resolves. */
export interface Outcome {
  status: number;
  bytes: number;
  /** Only for LIST, which callers inspect. */
  text?: string;
  /** The response's `x-amz-server-side-encryption`, when it has one. */
  sse?: string;
}

/** Request headers for SSE-KMS under the AWS managed key (alias/aws/s3): no key id sent. */
export const SSE_KMS_HEADERS: Readonly<Record<string, string>> = { 'x-amz-server-side-encryption': 'aws:kms' };

function sseOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const v = headers['x-amz-server-side-encryption'];
  return Array.isArray(v) ? v[0] : v;
}

export class S3Client {
  private readonly pool: Pool;
  private readonly host: string;

  constructor(
    private readonly ep: Endpoint,
    connections: number,
  ) {
    const url = new URL(ep.endpoint);
    if (url.hostname !== '127.0.0.1') throw new Error(`refusing non-loopback endpoint ${ep.endpoint}`);
    this.host = url.host;
    this.pool = new Pool(ep.endpoint, { connections, pipelining: 1 });
  }

  /**
   * Signs in the timed path on purpose: every real client signs every request.
   * `extra` headers are signed too (aws4 puts every x-amz-* header in SignedHeaders).
   */
  private signedHeaders(method: string, path: string, payloadSha256: string, extra?: Readonly<Record<string, string>>): Record<string, string> {
    const req = {
      host: this.host,
      method,
      path,
      service: 's3',
      region: REGION,
      headers: { ...extra, 'x-amz-content-sha256': payloadSha256 },
    };
    aws4.sign(req, { accessKeyId: this.ep.accessKeyId, secretAccessKey: this.ep.secretAccessKey });
    return req.headers as Record<string, string>;
  }

  async createBucket(): Promise<Outcome> {
    const path = `/${BUCKET}`;
    const res = await this.pool.request({ method: 'PUT', path, headers: this.signedHeaders('PUT', path, EMPTY_SHA256) });
    const text = await res.body.text();
    return { status: res.statusCode, bytes: text.length, text };
  }

  /**
   * `payloadSha256` is precomputed once per payload, outside any timed loop.
   * `extra`: more request headers to send and sign, e.g. SSE_KMS_HEADERS.
   */
  async put(key: string, body: Buffer, payloadSha256: string, extra?: Readonly<Record<string, string>>): Promise<Outcome> {
    const path = `/${BUCKET}/${key}`;
    const headers = this.signedHeaders('PUT', path, payloadSha256, extra);
    const res = await this.pool.request({ method: 'PUT', path, headers, body });
    await res.body.dump();
    return { status: res.statusCode, bytes: body.length, sse: sseOf(res.headers) };
  }

  /** Streams the object and counts it; nothing is retained, so 64 MiB costs no memory. */
  async get(key: string): Promise<Outcome> {
    const path = `/${BUCKET}/${key}`;
    const res = await this.pool.request({ method: 'GET', path, headers: this.signedHeaders('GET', path, EMPTY_SHA256) });
    // 'data' events rather than for-await: async iteration costs the client ~40%
    // of its 64 MiB throughput, which would cap every server at the client's speed.
    const bytes = await new Promise<number>((resolve, reject) => {
      let n = 0;
      res.body.on('data', (chunk: Buffer) => {
        n += chunk.length;
      });
      res.body.once('end', () => resolve(n));
      res.body.once('error', reject);
    });
    return { status: res.statusCode, bytes, sse: sseOf(res.headers) };
  }

  async list(maxKeys: number): Promise<Outcome> {
    const path = `/${BUCKET}?list-type=2&max-keys=${maxKeys}`;
    const res = await this.pool.request({ method: 'GET', path, headers: this.signedHeaders('GET', path, EMPTY_SHA256) });
    const text = await res.body.text();
    return { status: res.statusCode, bytes: Buffer.byteLength(text), text };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
