// ListObjectsV2 / ListObjects (v1) paging and grouping semantics.
import { ListObjectsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Scenario, ScenarioContext } from '../types';
import { check, deepEq, eq } from '../lib/check';
import { putText } from '../lib/objects';

// Listed in UTF-8 binary order, which is also this array's order.
const KEYS = ['a.txt', 'photos/2023/feb.jpg', 'photos/2023/jan.jpg', 'photos/2024/mar.jpg', 'photos/cover.jpg', 'z.txt'];

async function seeded(ctx: ScenarioContext): Promise<string> {
  const bucket = await ctx.createBucket();
  for (const k of KEYS) await putText(ctx.s3, bucket, k, k);
  return bucket;
}

export const listObjectsScenarios: Scenario[] = [
  {
    name: 'ListObjectsV2_prefix_delimiter',
    async run(ctx) {
      const bucket = await seeded(ctx);
      const res = await ctx.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'photos/', Delimiter: '/' }));
      deepEq((res.Contents ?? []).map((o) => o.Key), ['photos/cover.jpg'], 'Contents');
      deepEq((res.CommonPrefixes ?? []).map((p) => p.Prefix), ['photos/2023/', 'photos/2024/'], 'CommonPrefixes');
      eq(res.KeyCount, 3, 'KeyCount counts keys and prefixes');
      eq(res.IsTruncated, false, 'IsTruncated');
    },
  },
  {
    name: 'ListObjectsV2_max_keys_continuation',
    async run(ctx) {
      const bucket = await seeded(ctx);
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const res = await ctx.s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 2, ContinuationToken: token }));
        pages++;
        eq(res.MaxKeys, 2, 'MaxKeys');
        eq(res.KeyCount, (res.Contents ?? []).length, 'KeyCount');
        seen.push(...(res.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : [])));
        token = res.IsTruncated ? res.NextContinuationToken : undefined;
        check(!res.IsTruncated || token, 'IsTruncated without NextContinuationToken');
      } while (token && pages < 10);
      deepEq(seen, KEYS, 'keys across pages');
      eq(pages, 3, 'page count');
    },
  },
  {
    name: 'ListObjectsV2_start_after',
    async run(ctx) {
      const bucket = await seeded(ctx);
      const res = await ctx.s3.send(new ListObjectsV2Command({ Bucket: bucket, StartAfter: 'photos/2024/mar.jpg' }));
      deepEq((res.Contents ?? []).map((o) => o.Key), ['photos/cover.jpg', 'z.txt'], 'Contents');
      eq(res.StartAfter, 'photos/2024/mar.jpg', 'StartAfter echoed');
    },
  },
  {
    name: 'ListObjectsV2_object_fields',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      await putText(ctx.s3, bucket, 'f', 'abc');
      const res = await ctx.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
      const o = (res.Contents ?? [])[0];
      check(o, 'no Contents');
      eq(o.Size, 3, 'Size');
      eq(o.ETag, '"900150983cd24fb0d6963f7d28e17f72"', 'ETag');
      eq(o.StorageClass, 'STANDARD', 'StorageClass');
      check(o.LastModified instanceof Date, 'LastModified');
    },
  },
  {
    name: 'ListObjects_v1_marker',
    async run(ctx) {
      const bucket = await seeded(ctx);
      const res = await ctx.s3.send(new ListObjectsCommand({ Bucket: bucket, Marker: 'photos/2023/jan.jpg', MaxKeys: 2 }));
      deepEq((res.Contents ?? []).map((o) => o.Key), ['photos/2024/mar.jpg', 'photos/cover.jpg'], 'Contents');
      eq(res.IsTruncated, true, 'IsTruncated');
      eq(res.Marker, 'photos/2023/jan.jpg', 'Marker echoed');
    },
  },
  {
    name: 'ListObjects_v1_next_marker_with_delimiter',
    async run(ctx) {
      const bucket = await seeded(ctx);
      // V1 returns NextMarker only when a delimiter is given.
      const res = await ctx.s3.send(new ListObjectsCommand({ Bucket: bucket, Delimiter: '/', MaxKeys: 1 }));
      deepEq((res.Contents ?? []).map((o) => o.Key), ['a.txt'], 'Contents');
      eq(res.IsTruncated, true, 'IsTruncated');
      eq(res.NextMarker, 'a.txt', 'NextMarker');
    },
  },
  {
    name: 'ListObjectsV2_non_existing_bucket',
    async run(ctx) {
      await ctx.expectError(ctx.s3.send(new ListObjectsV2Command({ Bucket: ctx.bucketName() })), {
        code: 'NoSuchBucket',
        status: 404,
      });
    },
  },
];
