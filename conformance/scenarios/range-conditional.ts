// Range reads and conditional requests (RFC 7233 / 7232 as S3 applies them).
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import type { Scenario, ScenarioContext } from '../types';
import { eq } from '../lib/check';
import { putText } from '../lib/objects';

const BODY = '0123456789'; // 10 bytes: offsets equal the characters

async function ranged(ctx: ScenarioContext, range: string, body: string, contentRange: string): Promise<void> {
  const bucket = await ctx.createBucket();
  await putText(ctx.s3, bucket, 'r', BODY);
  const res = await ctx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'r', Range: range }));
  eq(res.$metadata.httpStatusCode, 206, 'status');
  eq(res.ContentRange, contentRange, 'ContentRange');
  eq(res.ContentLength, body.length, 'ContentLength');
  eq(await res.Body?.transformToString(), body, 'body');
}

async function withObject(ctx: ScenarioContext): Promise<{ bucket: string; etag: string }> {
  const bucket = await ctx.createBucket();
  await putText(ctx.s3, bucket, 'c', BODY);
  const head = await ctx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'c' }));
  return { bucket, etag: head.ETag ?? '' };
}

export const rangeConditionalScenarios: Scenario[] = [
  { name: 'GetObject_range_first_bytes', run: (ctx) => ranged(ctx, 'bytes=0-4', '01234', 'bytes 0-4/10') },
  { name: 'GetObject_range_suffix', run: (ctx) => ranged(ctx, 'bytes=-3', '789', 'bytes 7-9/10') },
  { name: 'GetObject_range_open_ended', run: (ctx) => ranged(ctx, 'bytes=5-', '56789', 'bytes 5-9/10') },
  { name: 'GetObject_range_end_past_size_clamped', run: (ctx) => ranged(ctx, 'bytes=8-100', '89', 'bytes 8-9/10') },
  {
    name: 'GetObject_range_unsatisfiable',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      await putText(ctx.s3, bucket, 'r', BODY);
      await ctx.expectError(ctx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'r', Range: 'bytes=20-30' })), {
        code: 'InvalidRange',
        status: 416,
      });
    },
  },
  {
    name: 'GetObject_if_none_match_etag_304',
    async run(ctx) {
      const { bucket, etag } = await withObject(ctx);
      // 304 has no body, so only the status is meaningful.
      await ctx.expectError(ctx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'c', IfNoneMatch: etag })), { status: 304 });
    },
  },
  {
    name: 'GetObject_if_match_wrong_412',
    async run(ctx) {
      const { bucket } = await withObject(ctx);
      await ctx.expectError(
        ctx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'c', IfMatch: '"00000000000000000000000000000000"' })),
        { code: 'PreconditionFailed', status: 412 },
      );
    },
  },
  {
    name: 'GetObject_if_match_ok',
    async run(ctx) {
      const { bucket, etag } = await withObject(ctx);
      const res = await ctx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'c', IfMatch: etag }));
      eq(await res.Body?.transformToString(), BODY, 'body');
    },
  },
  {
    name: 'GetObject_if_modified_since_last_modified_304',
    async run(ctx) {
      const { bucket } = await withObject(ctx);
      // Not modified since its own Last-Modified (a future date would be
      // ignored as invalid per RFC 7232, so we don't rely on one).
      const head = await ctx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'c' }));
      await ctx.expectError(
        ctx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'c', IfModifiedSince: head.LastModified })),
        { status: 304 },
      );
    },
  },
  {
    name: 'GetObject_if_unmodified_since_past_412',
    async run(ctx) {
      const { bucket } = await withObject(ctx);
      const earlier = new Date(Date.now() - 24 * 3600_000);
      await ctx.expectError(ctx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'c', IfUnmodifiedSince: earlier })), {
        code: 'PreconditionFailed',
        status: 412,
      });
    },
  },
  {
    name: 'HeadObject_if_none_match_etag_304',
    async run(ctx) {
      const { bucket, etag } = await withObject(ctx);
      await ctx.expectError(ctx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'c', IfNoneMatch: etag })), { status: 304 });
    },
  },
];
