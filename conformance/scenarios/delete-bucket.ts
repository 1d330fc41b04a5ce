// DeleteBucket: emptiness rule and missing-bucket answers.
import { DeleteBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import type { Scenario } from '../types';
import { eq } from '../lib/check';
import { putText } from '../lib/objects';

export const deleteBucketScenarios: Scenario[] = [
  {
    name: 'DeleteBucket_ok',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      const res = await ctx.s3.send(new DeleteBucketCommand({ Bucket: bucket }));
      eq(res.$metadata.httpStatusCode, 204, 'DeleteBucket status');
      await ctx.expectError(ctx.s3.send(new HeadBucketCommand({ Bucket: bucket })), { code: 'NotFound', status: 404 });
    },
  },
  {
    name: 'DeleteBucket_non_empty',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      await putText(ctx.s3, bucket, 'keep-me.txt', 'x');
      await ctx.expectError(ctx.s3.send(new DeleteBucketCommand({ Bucket: bucket })), { code: 'BucketNotEmpty', status: 409 });
    },
  },
  {
    name: 'DeleteBucket_missing',
    async run(ctx) {
      await ctx.expectError(ctx.s3.send(new DeleteBucketCommand({ Bucket: ctx.bucketName() })), {
        code: 'NoSuchBucket',
        status: 404,
      });
    },
  },
];
