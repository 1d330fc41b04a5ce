import { Readable } from 'node:stream';
import type { Deps } from '../deps';
import { S3Error } from '../errors/s3-error';
import type { OperationInput } from '../operations/types';
import { continueIfExpected } from './read-body';
import type { PipelineContext } from './state';

/** Step 8: run the handler and write what it returned. Handlers never touch the Koa context. */
export async function respondStep(deps: Deps, ctx: PipelineContext): Promise<void> {
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
  const headers = result.headers;
  const res = ctx.res;
  // Koa turns a null body into 204 and drops entity headers, so the body goes first.
  if (ctx.method === 'HEAD' || body === undefined) {
    if (body instanceof Readable) body.destroy();
    ctx.body = null;
  } else {
    if (typeof body === 'string') ctx.type = 'application/xml';
    else if (headers !== undefined && headers['Content-Type'] !== undefined && !res.headersSent) {
      // Set now, Koa's body setter need not look up a default type that is replaced below.
      res.setHeader('Content-Type', String(headers['Content-Type']));
    }
    ctx.body = body;
  }
  ctx.status = result.status;
  // What ctx.set does for a string value, without its per-call arrays.
  if (headers !== undefined && !res.headersSent) {
    for (const name in headers) {
      const value = headers[name];
      if (value !== undefined) res.setHeader(name, String(value));
    }
  }
  if (body === undefined && ctx.method !== 'HEAD') ctx.set('Content-Length', '0');
}
