import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from '../../errors/s3-error';
import { header } from './header';

/** Canned ACLs that grant nothing beyond the owner, which AWS accepts even with ACLs disabled. */
const OWNER_ONLY = new Set(['private', 'bucket-owner-full-control']);
const CANNED = new Set(['private', 'public-read', 'public-read-write', 'authenticated-read', 'aws-exec-read', 'bucket-owner-read', 'bucket-owner-full-control', 'log-delivery-write']);

/**
 * With Object Ownership BucketOwnerEnforced (the default for every new bucket), ACLs are
 * disabled: a request that tries to set one gets 400 AccessControlListNotSupported, except
 * the owner-only canned ACLs clients like rclone always send.
 */
export function checkAclHeaders(headers: IncomingHttpHeaders, ownership: string | undefined, onBucket = false): void {
  const canned = header(headers, 'x-amz-acl');
  if (canned !== undefined && !CANNED.has(canned)) throw new S3Error('InvalidArgument', undefined, [['ArgumentName', 'x-amz-acl'], ['ArgumentValue', canned]]);
  const grants = Object.keys(headers).filter((h) => h.startsWith('x-amz-grant-'));
  const grantsSomething = grants.length > 0 || (canned !== undefined && !OWNER_ONLY.has(canned));
  if (!grantsSomething) return;
  if ((ownership ?? 'BucketOwnerEnforced') === 'BucketOwnerEnforced') {
    if (onBucket) throw new S3Error('InvalidBucketAclWithObjectOwnership', "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
    throw new S3Error('AccessControlListNotSupported');
  }
  throw new S3Error('NotImplemented', 'Access control lists other than the owner-only canned ACLs are not implemented by this emulator yet.');
}
