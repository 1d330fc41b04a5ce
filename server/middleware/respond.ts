import { Readable } from 'node:stream';
import type { Next } from 'koa';
import type { Deps } from '../deps';
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
    if (s.streamBody) continueIfExpected(ctx.req, ctx.res);
    const result = await op.spec.handler(input, deps);
    ctx.status = result.status;
    for (const [name, value] of Object.entries(result.headers ?? {})) {
      if (value !== undefined) ctx.set(name, String(value));
    }
    const body = result.body;
    if (ctx.method === 'HEAD') {
      if (body instanceof Readable) body.destroy();
      // Koa would replace Content-Length for an empty HEAD body; keep the object's.
      const length = result.headers?.['Content-Length'];
      ctx.body = null;
      if (length !== undefined) ctx.set('Content-Length', String(length));
    } else if (body === undefined) {
      ctx.body = null;
      if (result.status === 200) ctx.set('Content-Length', '0');
    } else {
      if (typeof body === 'string' && !ctx.response.get('Content-Type')) ctx.type = 'application/xml';
      ctx.body = body;
    }
    await next();
  };
}
