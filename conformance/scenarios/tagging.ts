// Object and bucket tagging.
import {
  DeleteBucketTaggingCommand,
  GetBucketTaggingCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  PutBucketTaggingCommand,
  PutObjectTaggingCommand,
  type Tag,
} from '@aws-sdk/client-s3';
import type { Scenario } from '../types';
import { deepEq, eq } from '../lib/check';
import { putText } from '../lib/objects';

function sorted(tags: Tag[] | undefined): string[] {
  return (tags ?? []).map((t) => `${t.Key}=${t.Value}`).sort();
}

export const taggingScenarios: Scenario[] = [
  {
    name: 'PutObjectTagging_GetObjectTagging',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      await putText(ctx.s3, bucket, 't', 'x');
      await ctx.s3.send(
        new PutObjectTaggingCommand({
          Bucket: bucket,
          Key: 't',
          Tagging: { TagSet: [{ Key: 'env', Value: 'test' }, { Key: 'owner', Value: 'sec team' }] },
        }),
      );
      const res = await ctx.s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 't' }));
      deepEq(sorted(res.TagSet), ['env=test', 'owner=sec team'], 'TagSet');
    },
  },
  {
    name: 'PutObject_tagging_header',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      // x-amz-tagging is URL-query encoded.
      await putText(ctx.s3, bucket, 't', 'x', { Tagging: 'project=conf&team=a%20b' });
      const res = await ctx.s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 't' }));
      deepEq(sorted(res.TagSet), ['project=conf', 'team=a b'], 'TagSet');
      const got = await ctx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 't' }));
      eq(got.TagCount, 2, 'x-amz-tagging-count');
      await got.Body?.transformToString();
    },
  },
  {
    name: 'PutObjectTagging_duplicate_keys',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      await putText(ctx.s3, bucket, 't', 'x');
      const put = ctx.s3.send(
        new PutObjectTaggingCommand({
          Bucket: bucket,
          Key: 't',
          Tagging: { TagSet: [{ Key: 'dup', Value: '1' }, { Key: 'dup', Value: '2' }] },
        }),
      );
      await ctx.expectError(put, { code: 'InvalidTag', status: 400 });
    },
  },
  {
    name: 'GetObjectTagging_missing_key',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      await ctx.expectError(ctx.s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'nope' })), {
        code: 'NoSuchKey',
        status: 404,
      });
    },
  },
  {
    name: 'BucketTagging_put_get_delete',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      await ctx.s3.send(
        new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: [{ Key: 'cost-center', Value: '42' }] } }),
      );
      const res = await ctx.s3.send(new GetBucketTaggingCommand({ Bucket: bucket }));
      deepEq(sorted(res.TagSet), ['cost-center=42'], 'TagSet');
      const del = await ctx.s3.send(new DeleteBucketTaggingCommand({ Bucket: bucket }));
      eq(del.$metadata.httpStatusCode, 204, 'DeleteBucketTagging status');
      await ctx.expectError(ctx.s3.send(new GetBucketTaggingCommand({ Bucket: bucket })), { code: 'NoSuchTagSet', status: 404 });
    },
  },
  {
    name: 'GetBucketTagging_never_set',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      await ctx.expectError(ctx.s3.send(new GetBucketTaggingCommand({ Bucket: bucket })), { code: 'NoSuchTagSet', status: 404 });
    },
  },
];
