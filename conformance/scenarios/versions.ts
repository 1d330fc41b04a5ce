// Object versioning: version ids, delete markers, suspended 'null' versions.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
} from '@aws-sdk/client-s3';
import type { Scenario, ScenarioContext } from '../types';
import { check, deepEq, eq } from '../lib/check';
import { getText, putText } from '../lib/objects';

interface History {
  bucket: string;
  v1: string;
  v2: string;
  marker: string;
}

/** k = 'one' (v1), 'two' (v2), then a delete marker. */
async function history(ctx: ScenarioContext): Promise<History> {
  const bucket = await ctx.createBucket({ versioning: true });
  const v1 = await putText(ctx.s3, bucket, 'k', 'one');
  const v2 = await putText(ctx.s3, bucket, 'k', 'two');
  const del = await ctx.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'k' }));
  check(v1 && v2 && v1 !== v2, `PutObject VersionIds not distinct: ${v1} ${v2}`);
  eq(del.DeleteMarker, true, 'DeleteObject DeleteMarker');
  check(del.VersionId, 'DeleteObject returned no VersionId for the marker');
  return { bucket, v1, v2, marker: del.VersionId };
}

export const versionScenarios: Scenario[] = [
  {
    name: 'ListObjectVersions_with_delete_markers',
    async run(ctx) {
      const h = await history(ctx);
      const res = await ctx.s3.send(new ListObjectVersionsCommand({ Bucket: h.bucket }));
      // Newest first within a key.
      deepEq((res.Versions ?? []).map((v) => [v.VersionId, v.IsLatest]), [[h.v2, false], [h.v1, false]], 'Versions');
      deepEq((res.DeleteMarkers ?? []).map((m) => [m.Key, m.VersionId, m.IsLatest]), [['k', h.marker, true]], 'DeleteMarkers');
    },
  },
  {
    name: 'GetObject_latest_is_delete_marker',
    async run(ctx) {
      const h = await history(ctx);
      const info = await ctx.expectError(ctx.s3.send(new GetObjectCommand({ Bucket: h.bucket, Key: 'k' })), {
        code: 'NoSuchKey',
        status: 404,
      });
      eq(info.headers['x-amz-delete-marker'], 'true', 'x-amz-delete-marker header');
    },
  },
  {
    name: 'GetObject_by_version_id',
    async run(ctx) {
      const h = await history(ctx);
      eq(await getText(ctx.s3, h.bucket, 'k', h.v1), 'one', 'v1 body');
      const res = await ctx.s3.send(new GetObjectCommand({ Bucket: h.bucket, Key: 'k', VersionId: h.v2 }));
      eq(res.VersionId, h.v2, 'VersionId header');
      eq(await res.Body?.transformToString(), 'two', 'v2 body');
    },
  },
  {
    name: 'DeleteObject_version_permanently',
    async run(ctx) {
      const h = await history(ctx);
      const res = await ctx.s3.send(new DeleteObjectCommand({ Bucket: h.bucket, Key: 'k', VersionId: h.v1 }));
      eq(res.VersionId, h.v1, 'deleted VersionId');
      await ctx.expectError(ctx.s3.send(new GetObjectCommand({ Bucket: h.bucket, Key: 'k', VersionId: h.v1 })), {
        code: 'NoSuchVersion',
        status: 404,
      });
      const list = await ctx.s3.send(new ListObjectVersionsCommand({ Bucket: h.bucket }));
      deepEq((list.Versions ?? []).map((v) => v.VersionId), [h.v2], 'remaining versions');
    },
  },
  {
    name: 'DeleteObject_delete_marker_restores_object',
    async run(ctx) {
      const h = await history(ctx);
      const res = await ctx.s3.send(new DeleteObjectCommand({ Bucket: h.bucket, Key: 'k', VersionId: h.marker }));
      eq(res.DeleteMarker, true, 'DeleteMarker flag when removing a marker');
      eq(await getText(ctx.s3, h.bucket, 'k'), 'two', 'restored body');
    },
  },
  {
    name: 'GetObject_malformed_version_id',
    async run(ctx) {
      const bucket = await ctx.createBucket({ versioning: true });
      await putText(ctx.s3, bucket, 'k', 'x');
      await ctx.expectError(ctx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'k', VersionId: 'not-a-version' })), {
        code: 'InvalidArgument',
        status: 400,
      });
    },
  },
  {
    name: 'Versioning_suspended_null_version',
    async run(ctx) {
      const bucket = await ctx.createBucket({ versioning: true });
      const real = await putText(ctx.s3, bucket, 'k', 'versioned');
      await ctx.s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Suspended' } }));
      await putText(ctx.s3, bucket, 'k', 'null-1');
      // A second write while suspended replaces the 'null' version in place.
      await putText(ctx.s3, bucket, 'k', 'null-2');
      const list = await ctx.s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
      deepEq((list.Versions ?? []).map((v) => [v.VersionId, v.IsLatest]), [['null', true], [real, false]], 'Versions');
      eq(await getText(ctx.s3, bucket, 'k', 'null'), 'null-2', "body of version 'null'");
      eq(await getText(ctx.s3, bucket, 'k', real), 'versioned', 'body of pre-suspension version');
    },
  },
  {
    name: 'Unversioned_bucket_version_id_null',
    async run(ctx) {
      const bucket = await ctx.createBucket();
      await putText(ctx.s3, bucket, 'k', 'x');
      const list = await ctx.s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
      deepEq((list.Versions ?? []).map((v) => [v.Key, v.VersionId, v.IsLatest]), [['k', 'null', true]], 'Versions');
    },
  },
];
