// CopyObject with both metadata directives and its refusal cases.
import { CopyObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import type { Scenario } from '../types';
import { deepEq, eq } from '../lib/check';
import { getText, md5Hex, putText } from '../lib/objects';

export const copyObjectScenarios: Scenario[] = [
  {
    name: 'CopyObject_metadata_directive_copy',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      await putText(ctx.s3, bucket, 'src', 'payload', { ContentType: 'text/x-src', Metadata: { origin: 'src' } });
      const res = await ctx.s3.send(
        new CopyObjectCommand({ Bucket: bucket, Key: 'dst', CopySource: `${bucket}/src`, MetadataDirective: 'COPY' }),
      );
      eq(res.CopyObjectResult?.ETag, `"${md5Hex('payload')}"`, 'CopyObjectResult.ETag');
      const head = await ctx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'dst' }));
      eq(head.ContentType, 'text/x-src', 'ContentType');
      deepEq(head.Metadata, { origin: 'src' }, 'Metadata');
      eq(await getText(ctx.s3, bucket, 'dst'), 'payload', 'body');
    },
  },
  {
    name: 'CopyObject_metadata_directive_replace',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      await putText(ctx.s3, bucket, 'src', 'payload', { ContentType: 'text/x-src', Metadata: { origin: 'src' } });
      await ctx.s3.send(
        new CopyObjectCommand({
          Bucket: bucket,
          Key: 'dst',
          CopySource: `${bucket}/src`,
          MetadataDirective: 'REPLACE',
          ContentType: 'text/x-dst',
          Metadata: { replaced: 'yes' },
        }),
      );
      const head = await ctx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'dst' }));
      eq(head.ContentType, 'text/x-dst', 'ContentType');
      deepEq(head.Metadata, { replaced: 'yes' }, 'Metadata');
    },
  },
  {
    name: 'CopyObject_missing_source',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      await ctx.expectError(ctx.s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'dst', CopySource: `${bucket}/nope` })), {
        code: 'NoSuchKey',
        status: 404,
      });
    },
  },
  {
    name: 'CopyObject_onto_itself_without_change',
    async run(ctx) {
      // AWS refuses a self-copy that changes nothing (metadata, storage class,
      // encryption, website redirect).
      const bucket = await ctx.createBucket();
      await putText(ctx.s3, bucket, 'same', 'x');
      await ctx.expectError(ctx.s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'same', CopySource: `${bucket}/same` })), {
        code: 'InvalidRequest',
        status: 400,
      });
    },
  },
  {
    name: 'CopyObject_onto_itself_with_replace',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      await putText(ctx.s3, bucket, 'same', 'x', { Metadata: { v: '1' } });
      await ctx.s3.send(
        new CopyObjectCommand({
          Bucket: bucket,
          Key: 'same',
          CopySource: `${bucket}/same`,
          MetadataDirective: 'REPLACE',
          Metadata: { v: '2' },
        }),
      );
      const head = await ctx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'same' }));
      deepEq(head.Metadata, { v: '2' }, 'Metadata');
    },
  },
];
