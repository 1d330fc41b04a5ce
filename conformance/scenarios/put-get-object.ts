// PutObject / GetObject / HeadObject basics and missing-resource answers.
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Scenario } from '../types';
import { check, deepEq, eq } from '../lib/check';
import { md5Hex, putText } from '../lib/objects';

const BODY = 'hello conformance world';

export const putGetObjectScenarios: Scenario[] = [
  {
    name: 'PutObject_GetObject_round_trip',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      const put = await ctx.s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: 'dir/hello.txt',
          Body: BODY,
          ContentType: 'text/plain; charset=utf-8',
          Metadata: { color: 'blue', 'multi-word': 'a b c' },
        }),
      );
      // Single-part ETag is the quoted hex MD5 of the body.
      eq(put.ETag, `"${md5Hex(BODY)}"`, 'PutObject ETag');
      const got = await ctx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'dir/hello.txt' }));
      eq(await got.Body?.transformToString(), BODY, 'body');
      eq(got.ContentType, 'text/plain; charset=utf-8', 'ContentType');
      eq(got.ContentLength, Buffer.byteLength(BODY), 'ContentLength');
      eq(got.ETag, put.ETag, 'GetObject ETag');
      deepEq(got.Metadata, { color: 'blue', 'multi-word': 'a b c' }, 'Metadata');
      check(got.LastModified instanceof Date, 'LastModified missing');
    },
  },
  {
    name: 'PutObject_default_content_type',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      // The SDK always sends application/octet-stream, so upload through a
      // presigned URL with a typeless body to see S3's own default.
      const signer = ctx.client('valid', { requestChecksumCalculation: 'WHEN_REQUIRED' });
      const url = await getSignedUrl(signer, new PutObjectCommand({ Bucket: bucket, Key: 'raw' }), { expiresIn: 300 });
      signer.destroy();
      const res = await fetch(url, { method: 'PUT', body: new Uint8Array([1, 2, 3]) });
      eq(res.status, 200, 'presigned PUT status');
      const head = await ctx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'raw' }));
      eq(head.ContentType, 'binary/octet-stream', 'default ContentType');
    },
  },
  {
    name: 'HeadObject_ok',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      await putText(ctx.s3, bucket, 'h.txt', BODY, { Metadata: { k: 'v' }, ContentType: 'text/plain' });
      const head = await ctx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'h.txt' }));
      eq(head.ContentLength, Buffer.byteLength(BODY), 'ContentLength');
      eq(head.ETag, `"${md5Hex(BODY)}"`, 'ETag');
      eq(head.ContentType, 'text/plain', 'ContentType');
      deepEq(head.Metadata, { k: 'v' }, 'Metadata');
      eq(head.AcceptRanges, 'bytes', 'AcceptRanges');
    },
  },
  {
    name: 'GetObject_missing_key',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      await ctx.expectError(ctx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'nope' })), { code: 'NoSuchKey', status: 404 });
    },
  },
  {
    name: 'HeadObject_missing_key',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      await ctx.expectError(ctx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'nope' })), { code: 'NotFound', status: 404 });
    },
  },
  {
    name: 'PutObject_non_existing_bucket',
    async run(ctx) {
      await ctx.expectError(ctx.s3.send(new PutObjectCommand({ Bucket: ctx.bucketName(), Key: 'k', Body: 'x' })), {
        code: 'NoSuchBucket',
        status: 404,
      });
    },
  },
  {
    name: 'GetObject_non_existing_bucket',
    async run(ctx) {
      await ctx.expectError(ctx.s3.send(new GetObjectCommand({ Bucket: ctx.bucketName(), Key: 'k' })), {
        code: 'NoSuchBucket',
        status: 404,
      });
    },
  },
  {
    name: 'PutObject_overwrite_returns_latest',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      await putText(ctx.s3, bucket, 'o', 'first');
      await putText(ctx.s3, bucket, 'o', 'second');
      const got = await ctx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'o' }));
      eq(await got.Body?.transformToString(), 'second', 'body');
    },
  },
];
