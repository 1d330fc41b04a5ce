// Small object helpers shared by scenario files.
import { createHash } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand, type PutObjectCommandInput, type S3Client } from '@aws-sdk/client-s3';

export function md5Hex(data: string | Buffer): string {
  return createHash('md5').update(data).digest('hex');
}

export function md5Base64(data: string | Buffer): string {
  return createHash('md5').update(data).digest('base64');
}

export async function putText(
  s3: S3Client,
  bucket: string,
  key: string,
  body: string,
  extra: Partial<PutObjectCommandInput> = {},
): Promise<string | undefined> {
  const res = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ...extra }));
  return res.VersionId;
}

export async function getText(s3: S3Client, bucket: string, key: string, versionId?: string): Promise<string> {
  const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
  return (await res.Body?.transformToString()) ?? '';
}
