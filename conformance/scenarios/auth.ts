// Header-based SigV4 authentication failures and anonymous access.
import { GetObjectCommand, HeadObjectCommand, ListBucketsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Scenario } from '../types';
import { ConformanceFailure, expectHttpError } from '../lib/errors';
import { putText } from '../lib/objects';

export const authScenarios: Scenario[] = [
  {
    name: 'Auth_wrong_secret_SignatureDoesNotMatch',
    async run(ctx) {
      const bad = ctx.client('wrong-secret');
      await ctx.expectError(bad.send(new ListBucketsCommand({})), { code: 'SignatureDoesNotMatch', status: 403 });
      const bucket = await ctx.createBucket();
      await putText(ctx.s3, bucket, 'secret.txt', 'classified');
      await ctx.expectError(bad.send(new GetObjectCommand({ Bucket: bucket, Key: 'secret.txt' })), {
        code: 'SignatureDoesNotMatch',
        status: 403,
      });
      bad.destroy();
    },
  },
  {
    name: 'Auth_wrong_secret_put_not_stored',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      const bad = ctx.client('wrong-secret');
      await ctx.expectError(bad.send(new PutObjectCommand({ Bucket: bucket, Key: 'planted', Body: 'x' })), {
        code: 'SignatureDoesNotMatch',
        status: 403,
      });
      bad.destroy();
      await ctx.expectError(ctx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'planted' })), {
        code: 'NotFound',
        status: 404,
      });
    },
  },
  {
    name: 'Auth_unknown_key_InvalidAccessKeyId',
    async run(ctx) {
      const bad = ctx.client('unknown-key');
      await ctx.expectError(bad.send(new ListBucketsCommand({})), { code: 'InvalidAccessKeyId', status: 403 });
      const bucket = await ctx.createBucket();
      await ctx.expectError(bad.send(new PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'x' })), {
        code: 'InvalidAccessKeyId',
        status: 403,
      });
      bad.destroy();
    },
  },
  {
    name: 'Auth_request_time_too_skewed',
    async run(ctx) {
      // AWS allows 15 minutes of skew; sign 20 minutes in the past.
      const skewed = ctx.client('valid', { systemClockOffset: -20 * 60 * 1000 });
      await ctx.expectError(skewed.send(new ListBucketsCommand({})), { code: 'RequestTimeTooSkewed', status: 403 });
      skewed.destroy();
    },
  },
  {
    name: 'Anonymous_get_AccessDenied',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      await putText(ctx.s3, bucket, 'private.txt', 'classified');
      const res = await fetch(ctx.objectUrl(bucket, 'private.txt'));
      const body = await expectHttpError(res, { code: 'AccessDenied', status: 403 });
      if (body.includes('classified')) throw new ConformanceFailure('object body leaked to an anonymous caller');
    },
  },
  {
    name: 'Anonymous_list_bucket_AccessDenied',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      await putText(ctx.s3, bucket, 'private.txt', 'x');
      const res = await fetch(ctx.objectUrl(bucket));
      await expectHttpError(res, { code: 'AccessDenied', status: 403 });
    },
  },
  {
    name: 'Anonymous_put_AccessDenied',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      const res = await fetch(ctx.objectUrl(bucket, 'planted.txt'), { method: 'PUT', body: 'x' });
      await expectHttpError(res, { code: 'AccessDenied', status: 403 });
      await ctx.expectError(ctx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'planted.txt' })), {
        code: 'NotFound',
        status: 404,
      });
    },
  },
];
