// Best-effort teardown of a scenario bucket: every version and delete marker,
// every in-progress multipart upload, then the bucket itself. Each step
// tolerates "not supported" so that lax servers still get their buckets removed.
import {
  AbortMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import { errorInfo } from './errors';

async function deleteAllVersions(s3: S3Client, bucket: string): Promise<void> {
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  for (let page = 0; page < 100; page++) {
    const res = await s3.send(
      new ListObjectVersionsCommand({ Bucket: bucket, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }),
    );
    const entries = [...(res.Versions ?? []), ...(res.DeleteMarkers ?? [])];
    for (const v of entries) {
      if (v.Key === undefined) continue;
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: v.Key, VersionId: v.VersionId }));
    }
    if (!res.IsTruncated) return;
    keyMarker = res.NextKeyMarker;
    versionIdMarker = res.NextVersionIdMarker;
  }
}

async function deleteAllCurrent(s3: S3Client, bucket: string): Promise<void> {
  for (let page = 0; page < 100; page++) {
    const res = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    const keys = (res.Contents ?? []).flatMap((o) => (o.Key === undefined ? [] : [o.Key]));
    if (keys.length === 0) return;
    for (const Key of keys) await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key }));
  }
}

async function abortUploads(s3: S3Client, bucket: string): Promise<void> {
  const res = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
  for (const u of res.Uploads ?? []) {
    if (u.Key === undefined || u.UploadId === undefined) continue;
    await s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: u.Key, UploadId: u.UploadId }));
  }
}

/** Returns undefined on success (or bucket never created), else a reason. */
export async function destroyBucket(s3: S3Client, bucket: string): Promise<string | undefined> {
  const notes: string[] = [];
  const attempt = async (label: string, fn: () => Promise<void>): Promise<boolean> => {
    try {
      await fn();
      return true;
    } catch (err: unknown) {
      const info = errorInfo(err);
      if (info.code === 'NoSuchBucket') return false;
      notes.push(`${label}: ${info.status === undefined ? info.message : info.code}`);
      return true;
    }
  };
  if (!(await attempt('versions', () => deleteAllVersions(s3, bucket)))) return undefined;
  await attempt('objects', () => deleteAllCurrent(s3, bucket));
  await attempt('uploads', () => abortUploads(s3, bucket));
  try {
    await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
    return undefined;
  } catch (err: unknown) {
    const info = errorInfo(err);
    if (info.code === 'NoSuchBucket') return undefined;
    return `cleanup of ${bucket} failed: DeleteBucket ${info.status === undefined ? info.message : info.code}${notes.length ? `; ${notes.join('; ')}` : ''}`;
  }
}
