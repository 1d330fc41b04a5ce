import type { Deps } from '../deps';
import { fromDomain } from '../errors/from-domain';
import { S3Error } from '../errors/s3-error';
import { jsonErrorOf } from '../errors/json-error';
import { toXml, type XmlObject } from '../xml/xml-writer';
import type { PipelineContext } from './state';

/** Headers an error response keeps; everything a handler set for success is dropped. */
const KEPT = /^(x-amz-|access-control-|vary$)/i;

/**
 * The only place an error becomes a response. A client mistake is an S3Error; anything
 * else is logged and answered as InternalError without detail.
 */
export function answerError(deps: Deps, ctx: PipelineContext, raw: unknown): void {
    const mapped = fromDomain(raw, { bucket: ctx.state.operation?.bucket, key: ctx.state.operation?.key });
    let err: S3Error;
    if (mapped instanceof S3Error) {
      err = mapped;
    } else {
      deps.log.error('internal error', { requestId: ctx.state.facts?.requestId, error: String((mapped as Error)?.stack ?? mapped) });
      err = new S3Error('InternalError');
    }
    renderError(ctx, err);
}

export function renderError(ctx: PipelineContext, err: S3Error): void {
  for (const name of Object.keys(ctx.response.headers)) {
    if (!KEPT.test(name)) ctx.remove(name);
  }
  ctx.state.errorCode = err.code;
  if (ctx.state.service === 'kms') {
    const json = jsonErrorOf(err);
    ctx.status = json.status;
    ctx.type = 'application/x-amz-json-1.1';
    ctx.body = JSON.stringify(json.body);
    return;
  }
  if (err.code === 'NotModified' || ctx.method === 'HEAD') {
    // Koa makes a null body 204 unless the status comes after it.
    ctx.body = null;
    ctx.status = err.status;
    for (const [name, value] of Object.entries(err.headers)) ctx.set(name, value);
    return;
  }
  ctx.status = err.status;
  for (const [name, value] of Object.entries(err.headers)) ctx.set(name, value);
  const content: Record<string, string> = { Code: err.code, Message: err.message };
  for (const [name, value] of err.fields) content[name] = value;
  content['RequestId'] = ctx.state.facts?.requestId ?? '';
  content['HostId'] = ctx.state.facts?.hostId ?? '';
  ctx.type = 'application/xml';
  // Unread request bodies are drained by node; close so a half-sent upload cannot desync the stream.
  if (ctx.req.readable && !ctx.req.readableEnded) ctx.set('Connection', 'close');
  ctx.body = toXml('Error', content as XmlObject, false);
}
