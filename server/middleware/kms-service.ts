import { handleKmsRequest } from '../kms/handle-kms-request';
import type { Deps } from '../deps';
import { S3Error } from '../errors/s3-error';
import type { PipelineContext } from './state';

/** Answers a request resolved to the KMS service; nothing after it runs. */
export async function serveKms(deps: Deps, ctx: PipelineContext): Promise<void> {
  const auth = ctx.state.auth;
  if (!auth || auth.principal.type === 'Anonymous') {
    ctx.status = 400;
    ctx.type = 'application/x-amz-json-1.1';
    ctx.body = JSON.stringify({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
    return;
  }
  if (ctx.method !== 'POST') throw new S3Error('MethodNotAllowed', 'KMS accepts POST requests only.');
  const raw = ctx.state.xmlBody ?? Buffer.alloc(0);
  let body: unknown = {};
  if (raw.length > 0) {
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      ctx.status = 400;
      ctx.type = 'application/x-amz-json-1.1';
      ctx.body = JSON.stringify({ __type: 'SerializationException', message: 'Start of structure or map found where not expected.' });
      return;
    }
  }
  const caller = { accountId: auth.principal.accountId, principalArn: auth.principal.arn, region: deps.settings.region };
  const result = await handleKmsRequest(ctx.get('x-amz-target'), body, caller, deps.kms);
  ctx.status = result.status;
  ctx.type = 'application/x-amz-json-1.1';
  ctx.body = JSON.stringify(result.body);
}
