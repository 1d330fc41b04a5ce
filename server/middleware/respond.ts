import { Readable } from 'node:stream';
import type { Next } from 'koa';
import type { Deps } from '../deps';
import { S3Error } from '../errors/s3-error';
import type { OperationInput } from '../operations/types';
import { continueIfExpected } from './read-body';
import type { PipelineContext } from './state';

/** Step 8: run the handler and write what it returned. Handlers never touch the Koa context. */
export function respond(deps: Deps) {
  return async (ctx: PipelineContext, next: Next): Promise<void> => {
    const s = ctx.state;
    const op = s.operation;
    if (!op || !s.auth) throw new Error('respond before resolve/authenticate');
    const input: OperationInput = {
      bucket: op.bucket,
      key: op.key,
      query: s.query,
      headers: ctx.req.headers,
      facts: s.facts,
      auth: s.auth,
      xml: s.xmlBody,
      body: s.streamBody,
    };
    s.input = input;
    if (s.streamBody) {
      // Refuse an upload to a missing bucket before inviting its body.
      if (op.bucket && !deps.store.getBucket(op.bucket)) throw new S3Error('NoSuchBucket', undefined, [['BucketName', op.bucket]]);
      continueIfExpected(ctx.req, ctx.res);
    }
    const result = await op.spec.handler(input, deps);
    const body = result.body;
    // Koa turns a null body into 204 and drops entity headers, so the body goes first.
    if (ctx.method === 'HEAD' || body === undefined) {
      if (body instanceof Readable) body.destroy();
      ctx.body = null;
    } else {
      if (typeof body === 'string') ctx.type = 'application/xml';
      ctx.body = body;
    }
    ctx.status = result.status;
    for (const [name, value] of Object.entries(result.headers ?? {})) {
      if (value !== undefined) ctx.set(name, String(value));
    }
    if (body === undefined && ctx.method !== 'HEAD') ctx.set('Content-Length', '0');
    await next();
  };
}
