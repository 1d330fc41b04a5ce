// Multipart uploads: completion ETag, listing, abort, and completion errors.
import { createHash } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import type { Scenario, ScenarioContext } from '../types';
import { check, deepEq, eq } from '../lib/check';
import { getText, putText } from '../lib/objects';

const MiB = 1024 * 1024;
const BIG = Buffer.alloc(5 * MiB, 'a'); // the minimum size of a non-last part

interface Upload {
  bucket: string;
  key: string;
  uploadId: string;
}

async function start(ctx: ScenarioContext, key = 'mp'): Promise<Upload> {
  const bucket = await ctx.createBucket();
  const res = await ctx.s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
  check(res.UploadId, 'no UploadId');
  return { bucket, key, uploadId: res.UploadId };
}

async function part(ctx: ScenarioContext, u: Upload, n: number, body: Buffer): Promise<CompletedPart> {
  const res = await ctx.s3.send(
    new UploadPartCommand({ Bucket: u.bucket, Key: u.key, UploadId: u.uploadId, PartNumber: n, Body: body }),
  );
  check(res.ETag, `part ${n}: no ETag`);
  return { PartNumber: n, ETag: res.ETag };
}

function complete(ctx: ScenarioContext, u: Upload, parts: CompletedPart[]): Promise<unknown> {
  return ctx.s3.send(
    new CompleteMultipartUploadCommand({ Bucket: u.bucket, Key: u.key, UploadId: u.uploadId, MultipartUpload: { Parts: parts } }),
  );
}

/** S3's multipart ETag: MD5 of the concatenated binary part MD5s, then "-N". */
function multipartEtag(parts: Buffer[]): string {
  const digests = Buffer.concat(parts.map((p) => createHash('md5').update(p).digest()));
  return `"${createHash('md5').update(digests).digest('hex')}-${parts.length}"`;
}

export const multipartScenarios: Scenario[] = [
  {
    name: 'Multipart_complete_etag_format',
    async run(ctx) {
      const u = await start(ctx);
      const tail = Buffer.from('tail');
      const parts = [await part(ctx, u, 1, BIG), await part(ctx, u, 2, tail)];
      const res = await ctx.s3.send(
        new CompleteMultipartUploadCommand({ Bucket: u.bucket, Key: u.key, UploadId: u.uploadId, MultipartUpload: { Parts: parts } }),
      );
      check(/^"[0-9a-f]{32}-2"$/.test(res.ETag ?? ''), `ETag not "<hex>-2": ${res.ETag}`);
      eq(res.ETag, multipartEtag([BIG, tail]), 'ETag value');
      const head = await ctx.s3.send(new HeadObjectCommand({ Bucket: u.bucket, Key: u.key }));
      eq(head.ContentLength, BIG.length + tail.length, 'ContentLength');
      eq(head.ETag, res.ETag, 'HeadObject ETag');
    },
  },
  {
    name: 'Multipart_list_parts',
    async run(ctx) {
      const u = await start(ctx);
      const p1 = await part(ctx, u, 1, BIG);
      const p2 = await part(ctx, u, 2, Buffer.from('xyz'));
      const res = await ctx.s3.send(new ListPartsCommand({ Bucket: u.bucket, Key: u.key, UploadId: u.uploadId }));
      deepEq(
        (res.Parts ?? []).map((p) => [p.PartNumber, p.ETag, p.Size]),
        [[1, p1.ETag, BIG.length], [2, p2.ETag, 3]],
        'Parts',
      );
    },
  },
  {
    name: 'Multipart_list_uploads',
    async run(ctx) {
      const u = await start(ctx, 'uploads/one');
      const res = await ctx.s3.send(new ListMultipartUploadsCommand({ Bucket: u.bucket }));
      deepEq((res.Uploads ?? []).map((x) => [x.Key, x.UploadId]), [[u.key, u.uploadId]], 'Uploads');
    },
  },
  {
    name: 'Multipart_abort_then_NoSuchUpload',
    async run(ctx) {
      const u = await start(ctx);
      await part(ctx, u, 1, Buffer.from('x'));
      const res = await ctx.s3.send(new AbortMultipartUploadCommand({ Bucket: u.bucket, Key: u.key, UploadId: u.uploadId }));
      eq(res.$metadata.httpStatusCode, 204, 'Abort status');
      await ctx.expectError(ctx.s3.send(new ListPartsCommand({ Bucket: u.bucket, Key: u.key, UploadId: u.uploadId })), {
        code: 'NoSuchUpload',
        status: 404,
      });
      await ctx.expectError(
        ctx.s3.send(new UploadPartCommand({ Bucket: u.bucket, Key: u.key, UploadId: u.uploadId, PartNumber: 2, Body: 'y' })),
        { code: 'NoSuchUpload', status: 404 },
      );
    },
  },
  {
    name: 'Multipart_complete_unknown_upload',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      const u = { bucket, key: 'mp', uploadId: 'bm90LWEtcmVhbC11cGxvYWQ' };
      await ctx.expectError(complete(ctx, u, [{ PartNumber: 1, ETag: '"00000000000000000000000000000000"' }]), {
        code: 'NoSuchUpload',
        status: 404,
      });
    },
  },
  {
    name: 'Multipart_entity_too_small',
    async run(ctx) {
      const u = await start(ctx);
      const parts = [await part(ctx, u, 1, Buffer.from('small')), await part(ctx, u, 2, Buffer.from('last'))];
      await ctx.expectError(complete(ctx, u, parts), { code: 'EntityTooSmall', status: 400 });
    },
  },
  {
    name: 'Multipart_invalid_part_order',
    async run(ctx) {
      const u = await start(ctx);
      // Both parts are full-size so that only the ordering can be at fault.
      const parts = [await part(ctx, u, 1, BIG), await part(ctx, u, 2, BIG)];
      await ctx.expectError(complete(ctx, u, [parts[1], parts[0]]), { code: 'InvalidPartOrder', status: 400 });
    },
  },
  {
    name: 'Multipart_invalid_part_etag',
    async run(ctx) {
      const u = await start(ctx);
      await part(ctx, u, 1, Buffer.from('x'));
      await ctx.expectError(complete(ctx, u, [{ PartNumber: 1, ETag: '"0123456789abcdef0123456789abcdef"' }]), {
        code: 'InvalidPart',
        status: 400,
      });
    },
  },
  {
    name: 'UploadPartCopy_range',
    async run(ctx) {
      const u = await start(ctx, 'copied');
      await putText(ctx.s3, u.bucket, 'source', 'abcdefghij');
      const res = await ctx.s3.send(
        new UploadPartCopyCommand({
          Bucket: u.bucket,
          Key: u.key,
          UploadId: u.uploadId,
          PartNumber: 1,
          CopySource: `${u.bucket}/source`,
          CopySourceRange: 'bytes=2-5',
        }),
      );
      const etag = res.CopyPartResult?.ETag;
      check(etag, 'no CopyPartResult.ETag');
      eq(etag, `"${createHash('md5').update('cdef').digest('hex')}"`, 'part ETag');
      await complete(ctx, u, [{ PartNumber: 1, ETag: etag }]);
      eq(await getText(ctx.s3, u.bucket, u.key), 'cdef', 'body');
    },
  },
];
