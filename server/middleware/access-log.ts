import type { Deps } from '../deps';
import type { PipelineContext } from './state';

/** One structured line per request (operation, principal, status, duration), once the response is decided. No secrets. */
export function logRequest(deps: Deps, ctx: PipelineContext): void {
  if (!deps.log.requestsEnabled) return;
  const s = ctx.state;
  const ms = Number(process.hrtime.bigint() - s.startedAt) / 1e6;
  deps.log.request({
    requestId: s.facts.requestId,
    service: s.service,
    operation: s.operationName ?? s.operation?.spec.name,
    bucket: s.operation?.bucket || undefined,
    key: s.operation?.key || undefined,
    principal: s.auth?.principal.arn,
    sourceIp: s.facts.sourceIp,
    tls: s.facts.tls.version,
    status: ctx.status,
    error: s.errorCode,
    ms: Math.round(ms * 100) / 100,
  });
}
