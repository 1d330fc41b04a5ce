// DeleteObject / DeleteObjects (unversioned bucket).
import { DeleteObjectCommand, DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Scenario } from '../types';
import { deepEq, eq } from '../lib/check';
import { putText } from '../lib/objects';

export const deleteObjectScenarios: Scenario[] = [
  {
    name: 'DeleteObject_ok_then_NoSuchKey',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      await putText(ctx.s3, bucket, 'gone', 'x');
      const res = await ctx.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'gone' }));
      eq(res.$metadata.httpStatusCode, 204, 'DeleteObject status');
      await ctx.expectError(ctx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'gone' })), { code: 'NoSuchKey', status: 404 });
    },
  },
  {
    name: 'DeleteObject_missing_key_204',
    async run(ctx) {
      // S3 deletes are idempotent: a missing key still answers 204.
      const bucket = await ctx.createBucket();
      const res = await ctx.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'never-existed' }));
      eq(res.$metadata.httpStatusCode, 204, 'DeleteObject status');
    },
  },
  {
    name: 'DeleteObject_non_existing_bucket',
    async run(ctx) {
      await ctx.expectError(ctx.s3.send(new DeleteObjectCommand({ Bucket: ctx.bucketName(), Key: 'k' })), {
        code: 'NoSuchBucket',
        status: 404,
      });
    },
  },
  {
    name: 'DeleteObjects_quiet',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      for (const k of ['a', 'b', 'c']) await putText(ctx.s3, bucket, k, k);
      const res = await ctx.s3.send(
        new DeleteObjectsCommand({
          Bucket: bucket,
          Delete: { Quiet: true, Objects: [{ Key: 'a' }, { Key: 'b' }, { Key: 'missing' }] },
        }),
      );
      // Quiet mode reports only errors; deleting a missing key is not one.
      eq((res.Deleted ?? []).length, 0, 'Deleted entries in quiet mode');
      eq((res.Errors ?? []).length, 0, 'Errors');
      const list = await ctx.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
      deepEq((list.Contents ?? []).map((o) => o.Key), ['c'], 'remaining keys');
    },
  },
  {
    name: 'DeleteObjects_verbose',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      await putText(ctx.s3, bucket, 'a', 'a');
      const res = await ctx.s3.send(
        new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: 'a' }, { Key: 'missing' }] } }),
      );
      deepEq((res.Deleted ?? []).map((d) => d.Key).sort(), ['a', 'missing'], 'Deleted keys');
    },
  },
];
