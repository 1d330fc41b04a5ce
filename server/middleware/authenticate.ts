import type { Next } from 'koa';
import { ANONYMOUS, principalOf } from '../accounts';
import { authenticate as verifySignature } from '../auth/authenticate';
import type { Deps } from '../deps';
import { bucketFromHost } from '../operations/resolve';
import type { AuthFacts } from '../request-facts';
import type { PipelineContext } from './state';

/**
 * Step 4: header SigV4, presigned SigV4, SigV2, or anonymous. The principal is set only
 * after the signature verified; any failure is an S3Error thrown by the verifier.
 */
export function authenticateStep(deps: Deps) {
  return async (ctx: PipelineContext, next: Next): Promise<void> => {
    const facts = ctx.state.facts;
    const outcome = verifySignature(
      { method: facts.method, rawPath: facts.rawPath, rawQuery: facts.rawQuery, headers: ctx.req.headersDistinct },
      deps.accounts.lookup,
      { region: deps.settings.region, realNow: facts.receivedAt, now: facts.now, virtualHostBucket: bucketFromHost(facts.host, deps.settings.domains) },
    );
    ctx.state.outcome = outcome;
    const auth: AuthFacts = outcome.kind === 'anonymous'
      ? { principal: ANONYMOUS, service: ctx.state.service }
      : {
          principal: principalOf(outcome.credential),
          signatureVersion: outcome.signatureVersion,
          authType: outcome.authType,
          signatureAgeMs: outcome.signatureAgeMs,
          service: outcome.service,
        };
    ctx.state.auth = Object.freeze(auth);
    await next();
  };
}
