import type { Next } from 'koa';
import type { Deps } from '../deps';
import type { OperationTable } from '../operations/resolve';
import { logRequest } from './access-log';
import { readSignedServiceBody, verifyRequest } from './authenticate';
import { authorizeRequest } from './authorize';
import { answerError } from './error-responder';
import { serveKms } from './kms-service';
import { readBodyStep } from './read-body';
import { recordFacts } from './request-facts';
import { resolveRequest } from './resolve-operation';
import { respondStep } from './respond';
import type { PipelineContext } from './state';

/**
 * The pipeline's steps, run as two Koa middlewares instead of one per step: each Koa layer
 * costs a dispatch, an async frame and a promise per request, and the steps are mostly
 * synchronous. The order and semantics are those of the one-middleware-per-step chain
 * (requestFacts → accessLog → errorResponder | resolveOperation → authenticate → kms →
 * readBody → authorize → respond), which the exported per-step middlewares still provide.
 */

/** facts → log → errors, around everything after it. */
export function front(deps: Deps) {
  return async (ctx: PipelineContext, next: Next): Promise<void> => {
    recordFacts(deps, ctx);
    try {
      try {
        await next();
      } catch (raw) {
        answerError(deps, ctx, raw);
      }
    } finally {
      logRequest(deps, ctx);
    }
  };
}

/** resolve → authenticate → (kms) → body → authorize → respond. */
export function operationPipeline(deps: Deps, table: OperationTable) {
  return async (ctx: PipelineContext, next: Next): Promise<void> => {
    resolveRequest(deps, table, ctx);
    if (ctx.state.service !== 's3') await readSignedServiceBody(ctx);
    verifyRequest(deps, ctx);
    if (ctx.state.service === 'kms') return serveKms(deps, ctx);
    const reading = readBodyStep(ctx);
    if (reading !== undefined) await reading;
    authorizeRequest(deps, ctx);
    await respondStep(deps, ctx);
    await next();
  };
}
