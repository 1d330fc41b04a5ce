// Builds the per-scenario context: client factory, unique bucket helper and
// the list of buckets to tear down afterwards.
import { randomBytes } from 'node:crypto';
import { CreateBucketCommand, PutBucketVersioningCommand, S3Client, type BucketLocationConstraint } from '@aws-sdk/client-s3';
import type { ClientExtras, ClientVariant, ConformanceOptions, ScenarioContext } from '../types';
import { expectError } from './errors';
import { destroyBucket } from './cleanup';

export const BUCKET_PREFIX = 's3emu-conf-';

export function uniqueBucketName(): string {
  return BUCKET_PREFIX + randomBytes(8).toString('hex');
}

export function makeClient(
  opts: ConformanceOptions,
  variant: ClientVariant = 'valid',
  extra: ClientExtras = {},
): S3Client {
  const accessKeyId = variant === 'unknown-key' ? `AKIA${randomBytes(8).toString('hex').toUpperCase()}` : opts.accessKeyId;
  const secretAccessKey = variant === 'wrong-secret' ? `${opts.secretAccessKey}-wrong` : opts.secretAccessKey;
  return new S3Client({
    endpoint: opts.endpoint,
    region: opts.region ?? 'us-east-1',
    forcePathStyle: opts.pathStyle ?? true,
    credentials: { accessKeyId, secretAccessKey },
    // One attempt: retries would hide 5xx answers and the SDK's clock-skew
    // correction would mask RequestTimeTooSkewed.
    maxAttempts: 1,
    systemClockOffset: extra.systemClockOffset,
    requestChecksumCalculation: extra.requestChecksumCalculation,
  });
}

/** Percent-encodes a key for a URL path, keeping '/' as S3 does. */
export function encodeKey(key: string): string {
  return key
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

export interface ScenarioHarness {
  ctx: ScenarioContext;
  cleanup(): Promise<string | undefined>;
}

export function createHarness(opts: ConformanceOptions): ScenarioHarness {
  const buckets: string[] = [];
  const region = opts.region ?? 'us-east-1';
  const pathStyle = opts.pathStyle ?? true;
  const s3 = makeClient(opts);

  const ctx: ScenarioContext = {
    region,
    pathStyle,
    endpoint: opts.endpoint,
    accessKeyId: opts.accessKeyId,
    secretAccessKey: opts.secretAccessKey,
    s3,
    client: (variant, extra) => makeClient(opts, variant, extra),
    bucketName() {
      return ctx.trackBucket(uniqueBucketName());
    },
    trackBucket(name) {
      buckets.push(name);
      return name;
    },
    async createBucket(o = {}) {
      const name = ctx.bucketName();
      // Outside us-east-1 AWS requires an explicit LocationConstraint.
      const config = region === 'us-east-1' ? undefined : { LocationConstraint: region as BucketLocationConstraint };
      await s3.send(new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: config }));
      if (o.versioning) {
        await s3.send(
          new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }),
        );
      }
      return name;
    },
    expectError,
    objectUrl(bucket, key, query) {
      const base = new URL(opts.endpoint);
      const keyPath = key === undefined ? '' : encodeKey(key);
      const url = pathStyle
        ? new URL(`${base.protocol}//${base.host}/${bucket}/${keyPath}`)
        : new URL(`${base.protocol}//${bucket}.${base.host}/${keyPath}`);
      for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
      return url;
    },
  };

  return {
    ctx,
    async cleanup() {
      const problems: string[] = [];
      for (const b of buckets) {
        const problem = await destroyBucket(s3, b);
        if (problem) problems.push(problem);
      }
      s3.destroy();
      return problems.length > 0 ? problems.join(' | ') : undefined;
    },
  };
}
