// Bucket versioning configuration round trips.
import { GetBucketVersioningCommand, PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import type { Scenario } from '../types';
import { eq } from '../lib/check';

export const bucketVersioningScenarios: Scenario[] = [
  {
    name: 'GetBucketVersioning_never_enabled',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      const res = await ctx.s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
      // A never-versioned bucket has no <Status> element at all.
      eq(res.Status, undefined, 'Status');
    },
  },
  {
    name: 'PutBucketVersioning_enable_then_suspend',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      for (const Status of ['Enabled', 'Suspended'] as const) {
        await ctx.s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status } }));
        const res = await ctx.s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
        eq(res.Status, Status, 'Status');
      }
    },
  },
  {
    name: 'GetBucketVersioning_missing_bucket',
    async run(ctx) {
      await ctx.expectError(ctx.s3.send(new GetBucketVersioningCommand({ Bucket: ctx.bucketName() })), {
        code: 'NoSuchBucket',
        status: 404,
      });
    },
  },
];
