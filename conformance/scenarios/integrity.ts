// Payload integrity: Content-MD5 and the flexible x-amz-checksum-* headers.
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Scenario, ScenarioContext } from '../types';
import { eq } from '../lib/check';
import { md5Base64 } from '../lib/objects';

const BODY = 'integrity matters';

function crc32Base64(s: string): string {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(crc32(s) >>> 0);
  return b.toString('base64');
}

function sha256Base64(s: string): string {
  return createHash('sha256').update(s).digest('base64');
}

async function checksumRoundTrip(ctx: ScenarioContext, algorithm: 'CRC32' | 'SHA256'): Promise<void> {
  const expected = algorithm === 'CRC32' ? crc32Base64(BODY) : sha256Base64(BODY);
  const pick = (r: { ChecksumCRC32?: string; ChecksumSHA256?: string }): string | undefined =>
    algorithm === 'CRC32' ? r.ChecksumCRC32 : r.ChecksumSHA256;
  const bucket = await ctx.createBucket();
  const put = await ctx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'c', Body: BODY, ChecksumAlgorithm: algorithm }));
  eq(pick(put), expected, `PutObject Checksum${algorithm}`);
  const head = await ctx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'c', ChecksumMode: 'ENABLED' }));
  eq(pick(head), expected, `HeadObject Checksum${algorithm}`);
  const got = await ctx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'c', ChecksumMode: 'ENABLED' }));
  eq(pick(got), expected, `GetObject Checksum${algorithm}`);
  eq(await got.Body?.transformToString(), BODY, 'body');
}

export const integrityScenarios: Scenario[] = [
  {
    name: 'PutObject_content_md5_ok',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      const res = await ctx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'm', Body: BODY, ContentMD5: md5Base64(BODY) }));
      eq(res.$metadata.httpStatusCode, 200, 'status');
    },
  },
  {
    name: 'PutObject_content_md5_mismatch',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      const put = ctx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'm', Body: BODY, ContentMD5: md5Base64('something else') }));
      await ctx.expectError(put, { code: 'BadDigest', status: 400 });
      await ctx.expectError(ctx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'm' })), { code: 'NotFound', status: 404 });
    },
  },
  {
    name: 'PutObject_content_md5_malformed',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      const put = ctx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'm', Body: BODY, ContentMD5: 'not-an-md5' }));
      await ctx.expectError(put, { code: 'InvalidDigest', status: 400 });
    },
  },
  { name: 'PutObject_checksum_crc32_returned', run: (ctx) => checksumRoundTrip(ctx, 'CRC32') },
  { name: 'PutObject_checksum_sha256_returned', run: (ctx) => checksumRoundTrip(ctx, 'SHA256') },
  {
    name: 'PutObject_checksum_sha256_mismatch',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      const put = ctx.s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: 'c', Body: BODY, ChecksumAlgorithm: 'SHA256', ChecksumSHA256: sha256Base64('other') }),
      );
      await ctx.expectError(put, { code: 'BadDigest', status: 400 });
    },
  },
];
