import { createHash } from 'node:crypto';
import { readVerifiedBuffer } from '../body/verified-body';
import { bodyOptions } from './read-body';
import { ANONYMOUS, principalOf } from '../accounts';
import { authenticate as verifySignature } from '../auth/authenticate';
import type { Deps } from '../deps';
import { bucketFromHost } from '../operations/resolve';
import type { AuthFacts } from '../request-facts';
import type { PipelineContext } from './state';

/** KMS requests are small JSON documents; AWS caps them well below this. */
const JSON_BODY_LIMIT = 1024 * 1024;

/** JSON and Query services sign the body hash without an x-amz-content-sha256 header: read it first. */
export async function readSignedServiceBody(ctx: PipelineContext): Promise<void> {
  const { body } = await readVerifiedBuffer(ctx.req, bodyOptions(ctx.req, { kind: 'unsigned' }), JSON_BODY_LIMIT);
  ctx.state.xmlBody = body;
}

/**
 * Step 4: header SigV4, presigned SigV4, SigV2, or anonymous. The principal is set only after
 * the signature verified. A non-s3 body must have been read by readSignedServiceBody first.
 */
export function verifyRequest(deps: Deps, ctx: PipelineContext): void {
  const facts = ctx.state.facts;
  let bodySha256: string | undefined;
  if (ctx.state.service !== 's3') {
    bodySha256 = createHash('sha256').update(ctx.state.xmlBody ?? Buffer.alloc(0)).digest('hex');
  }
  const outcome = verifySignature(
    { method: facts.method, rawPath: facts.rawPath, rawQuery: facts.rawQuery, headers: ctx.req.headersDistinct, bodySha256 },
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
}
