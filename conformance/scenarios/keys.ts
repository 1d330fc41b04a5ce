// Object key edge cases: encoding, path-like segments, length limit, ordering.
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Scenario, ScenarioContext } from '../types';
import { check, deepEq, eq } from '../lib/check';
import { getText, putText } from '../lib/objects';

/** Writes then reads back `key` and checks ListObjectsV2 reports it verbatim. */
async function roundTrip(ctx: ScenarioContext, key: string): Promise<void> {
  const bucket = await ctx.createBucket();
  await putText(ctx.s3, bucket, key, `body of ${key}`);
  eq(await getText(ctx.s3, bucket, key), `body of ${key}`, 'body');
  const list = await ctx.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  deepEq((list.Contents ?? []).map((o) => o.Key), [key], 'listed keys');
}

export const keyScenarios: Scenario[] = [
  { name: 'Key_unicode', run: (ctx) => roundTrip(ctx, 'ключ/日本語/emoji-😀.txt') },
  // Keys are opaque: '..' must neither be normalised away nor escape the bucket.
  { name: 'Key_dot_dot_slash', run: (ctx) => roundTrip(ctx, '../x') },
  { name: 'Key_dot_segments', run: (ctx) => roundTrip(ctx, 'a/./b/../c') },
  { name: 'Key_spaces_and_plus', run: (ctx) => roundTrip(ctx, 'with  two spaces/a+b=c&d.txt') },
  {
    name: 'Key_1024_bytes_ok',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      // The limit is in UTF-8 bytes: 512 two-byte characters is exactly 1024.
      for (const key of ['k'.repeat(1024), 'é'.repeat(512)]) {
        check(Buffer.byteLength(key) === 1024, 'fixture length');
        await putText(ctx.s3, bucket, key, 'x');
        eq(await getText(ctx.s3, bucket, key), 'x', 'body');
      }
    },
  },
  {
    name: 'Key_1025_bytes_KeyTooLongError',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      for (const key of ['k'.repeat(1025), `${'é'.repeat(512)}k`]) {
        await ctx.expectError(ctx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'x' })), {
          code: 'KeyTooLongError',
          status: 400,
        });
      }
    },
  },
  {
    name: 'ListObjectsV2_utf8_binary_order',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      for (const k of ['é', '~', 'a', 'B']) await putText(ctx.s3, bucket, k, k);
      const list = await ctx.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
      deepEq((list.Contents ?? []).map((o) => o.Key), ['B', 'a', '~', 'é'], 'order');
    },
  },
];
