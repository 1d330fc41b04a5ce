import { decide } from '../authz/decide';
import { denyMessage, resourceArn } from '../authz/deny-message';
import type { Deps } from '../deps';
import { S3Error } from '../errors/s3-error';
import type { PipelineContext } from './state';

/**
 * Step 7: every action the operation declares is decided before the handler runs.
 * Handlers never skip it. A bucket that does not exist is left for the handler to
 * report as NoSuchBucket, as S3 does for an authenticated caller.
 */
/** x-amz-expected-bucket-owner: a bucket owned by another account is 403, as on S3. */
function checkExpectedOwner(expected: string, actual: string | undefined): void {
  if (expected && actual !== undefined && expected !== actual) throw new S3Error('AccessDenied');
}

function sourceBucketOwner(deps: Deps, copySource: string): string | undefined {
  try {
    const name = decodeURIComponent(copySource.replace(/^\//, '').split('/')[0] ?? '');
    return name ? deps.store.getBucket(name)?.accountId : undefined;
  } catch {
    return undefined; // a malformed copy source is reported by the handler
  }
}

function headerText(v: string | string[] | undefined): string {
  return typeof v === 'string' ? v : v === undefined ? '' : v.join(', ');
}

/**
 * Step 7: every action the operation declares is decided before the handler runs; handlers
 * never skip it. Throws AccessDenied, explained, unless every action is allowed.
 */
export function authorizeRequest(deps: Deps, ctx: PipelineContext): void {
  const op = ctx.state.operation;
  const auth = ctx.state.auth;
  if (!op || !auth) throw new Error('authorize before resolve/authenticate');
  const bucket = op.bucket ? deps.store.getBucket(op.bucket) : undefined;
  const headers = ctx.req.headers;
  // As ctx.get: '' when absent.
  checkExpectedOwner(headerText(headers['x-amz-expected-bucket-owner']), bucket?.accountId);
  const copySource = headerText(headers['x-amz-source-expected-bucket-owner']);
  if (copySource) checkExpectedOwner(copySource, sourceBucketOwner(deps, headerText(headers['x-amz-copy-source'])));
  for (const ref of op.spec.actions({ query: ctx.state.query, headers, bucket: op.bucket, key: op.key })) {
    const action = typeof ref === 'string' ? ref : ref.action;
    const resource = typeof ref === 'string' ? resourceArn(op.bucket, op.key) : resourceArn(ref.bucket, ref.key);
    const target = typeof ref === 'string' ? bucket : ref.bucket ? deps.store.getBucket(ref.bucket) : undefined;
    const result = decide({ principal: auth.principal, action, resource, bucket: target });
    if (result.decision !== 'Allow') {
      throw new S3Error('AccessDenied', denyMessage(auth.principal, action, resource, result.reason));
    }
  }
}
