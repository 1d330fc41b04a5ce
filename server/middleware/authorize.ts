import type { Next } from 'koa';
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
export function authorize(deps: Deps) {
  return async (ctx: PipelineContext, next: Next): Promise<void> => {
    const op = ctx.state.operation;
    const auth = ctx.state.auth;
    if (!op || !auth) throw new Error('authorize before resolve/authenticate');
    const bucket = op.bucket ? deps.store.getBucket(op.bucket) : undefined;
    for (const ref of op.spec.actions({ query: ctx.state.query, headers: ctx.req.headers, bucket: op.bucket, key: op.key })) {
      const action = typeof ref === 'string' ? ref : ref.action;
      const resource = typeof ref === 'string' ? resourceArn(op.bucket, op.key) : resourceArn(ref.bucket, ref.key);
      const target = typeof ref === 'string' ? bucket : ref.bucket ? deps.store.getBucket(ref.bucket) : undefined;
      const result = decide({ principal: auth.principal, action, resource, bucket: target });
      if (result.decision !== 'Allow') {
        throw new S3Error('AccessDenied', denyMessage(auth.principal, action, resource, result.reason));
      }
    }
    await next();
  };
}
