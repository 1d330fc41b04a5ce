// CreateBucket and the bucket-level read operations that prove it happened.
import {
  CreateBucketCommand,
  GetBucketLocationCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import type { Scenario } from '../types';
import { ConformanceFailure } from '../lib/errors';
import { check, eq } from '../lib/check';

export const createBucketScenarios: Scenario[] = [
  {
    name: 'CreateBucket_ok',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      const head = await ctx.s3.send(new HeadBucketCommand({ Bucket: bucket }));
      eq(head.$metadata.httpStatusCode, 200, 'HeadBucket status');
    },
  },
  {
    name: 'CreateBucket_invalid_name',
    async run(ctx) {
      // Each violates a distinct naming rule: uppercase, too short, too long,
      // adjacent dots, IP-address form, leading hyphen, underscore.
      const r = randomBytes(3).toString('hex');
      const names = [`S3emu-Conf-${r}`, 'ab', `s3emu-${r}${'a'.repeat(60)}`, `s3emu..${r}`, '192.168.5.4', `-s3emu-${r}`, `s3emu_${r}`];
      for (const name of names) {
        // Tracked so that a lax server which accepts the name gets cleaned up.
        ctx.trackBucket(name);
        await ctx
          .expectError(ctx.s3.send(new CreateBucketCommand({ Bucket: name })), { code: 'InvalidBucketName', status: 400 })
          .catch((err: unknown) => {
            throw new ConformanceFailure(`${name}: ${err instanceof Error ? err.message : String(err)}`);
          });
      }
    },
  },
  {
    name: 'CreateBucket_already_owned',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      const config = ctx.region === 'us-east-1' ? undefined : { LocationConstraint: ctx.region as BucketLocationConstraint };
      const again = ctx.s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: config }));
      if (ctx.region === 'us-east-1') {
        // Documented legacy behaviour: in us-east-1 re-creating a bucket you
        // own answers 200 OK (and resets its ACL) instead of 409.
        const res = await again;
        eq(res.$metadata.httpStatusCode, 200, 'us-east-1 re-create status');
      } else {
        await ctx.expectError(again, { code: 'BucketAlreadyOwnedByYou', status: 409 });
      }
    },
  },
  {
    name: 'HeadBucket_missing',
    async run(ctx) {
      // HEAD responses carry no body, so the SDK can only name it NotFound.
      await ctx.expectError(ctx.s3.send(new HeadBucketCommand({ Bucket: ctx.bucketName() })), { code: 'NotFound', status: 404 });
    },
  },
  {
    name: 'ListBuckets_includes_created',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      const res = await ctx.s3.send(new ListBucketsCommand({}));
      const found = (res.Buckets ?? []).find((b) => b.Name === bucket);
      check(found, `ListBuckets does not list ${bucket}`);
      check(found.CreationDate instanceof Date && !Number.isNaN(found.CreationDate.getTime()), 'CreationDate missing');
      check(res.Owner?.ID, 'Owner.ID missing');
    },
  },
  {
    name: 'GetBucketLocation_matches_region',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      const res = await ctx.s3.send(new GetBucketLocationCommand({ Bucket: bucket }));
      // us-east-1 is reported as an empty LocationConstraint, never "us-east-1".
      const expected = ctx.region === 'us-east-1' ? undefined : ctx.region;
      eq(res.LocationConstraint || undefined, expected, 'LocationConstraint');
    },
  },
  {
    name: 'GetBucketLocation_missing_bucket',
    async run(ctx) {
      await ctx.expectError(ctx.s3.send(new GetBucketLocationCommand({ Bucket: ctx.bucketName() })), {
        code: 'NoSuchBucket',
        status: 404,
      });
    },
  },
];
