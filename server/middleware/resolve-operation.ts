import type { Deps } from '../deps';
import { S3Error } from '../errors/s3-error';
import type { OperationTable } from '../operations/resolve';
import type { PipelineContext } from './state';

/** The SigV4 scope's service, from the header or the query, without verifying anything yet. */
export function scopeService(authorization: string, query: URLSearchParams): string | undefined {
  const m = /Credential=[^/,\s]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(authorization);
  if (m) return m[1];
  const cred = query.get('X-Amz-Credential');
  return cred?.split('/')[3];
}

/**
 * Step 3: which service and operation the request is for, as a pure function of the
 * request. One port serves s3, kms, iam and sts, told apart as AWS clients address them.
 */
export function resolveRequest(deps: Deps, table: OperationTable, ctx: PipelineContext): void {
  const headers = ctx.req.headers;
  const rawTarget = headers['x-amz-target'];
  const target = typeof rawTarget === 'string' ? rawTarget : rawTarget === undefined ? '' : rawTarget.join(', ');
  const service = scopeService(headers.authorization || '', ctx.state.query);
  if (target.startsWith('TrentService.') || service === 'kms') {
    ctx.state.service = 'kms';
    ctx.state.operationName = target.replace(/^TrentService\./, '') || undefined;
    return;
  }
  if (service === 'iam' || service === 'sts') {
    ctx.state.service = service;
    throw new S3Error('NotImplemented', `The ${service.toUpperCase()} API is not implemented by this emulator yet.`);
  }
  const f = ctx.state.facts;
  ctx.state.operation = table.resolve({ method: f.method, host: f.host, rawPath: f.rawPath, query: ctx.state.query, headers: ctx.req.headers }, deps.settings.domains);
}
