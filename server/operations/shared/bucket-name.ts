import { S3Error } from '../../errors/s3-error';

/**
 * General purpose bucket naming rules:
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'Bucket name must be between 3 and 63 characters long';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'Bucket name can consist only of lowercase letters, numbers, periods (.), and hyphens (-)';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'Bucket name must begin and end with a letter or number';
  if (name.includes('..')) return 'Bucket name must not contain two adjacent periods';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'Bucket name must not be formatted as an IP address';
  for (const prefix of ['xn--', 'sthree-', 'amzn-s3-demo-']) {
    if (name.startsWith(prefix)) return `Bucket name must not start with the prefix ${prefix}`;
  }
  for (const suffix of ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3']) {
    if (name.endsWith(suffix)) return `Bucket name must not end with the suffix ${suffix}`;
  }
  return undefined;
}

export function validateBucketName(name: string): void {
  const problem = bucketNameProblem(name);
  if (problem) throw new S3Error('InvalidBucketName', 'The specified bucket is not valid.', [['BucketName', name]]);
}
