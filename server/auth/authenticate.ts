import { S3Error } from '../errors/s3-error';
import type { AuthOptions, AuthOutcome, CredentialLookup, PayloadMode, RawRequest } from './types';
import { verifyHeaderSigV2, verifyQuerySigV2 } from './sigv2/verify-sigv2';
import { headerValue } from './sigv4/header-value';
import { parseQuery } from './sigv4/parse-query';
import { checkContentSha256, STREAMING_UNSIGNED_TRAILER, UNSIGNED_PAYLOAD } from './sigv4/payload-mode';
import { verifyHeaderSigV4 } from './sigv4/verify-header';
import { verifyPresignedSigV4 } from './sigv4/verify-presigned';

export const ONE_MECHANISM =
  'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified';

/**
 * Payload mode where no SigV4 signing key exists (anonymous, SigV2). A hex hash is still
 * checked against the body; a signed stream cannot be verified without a key, so it is refused.
 */
function payloadWithoutKey(req: RawRequest): PayloadMode {
  const v = headerValue(req.headers, 'x-amz-content-sha256')?.trim();
  if (v === undefined || v === UNSIGNED_PAYLOAD) return { kind: 'unsigned' };
  checkContentSha256(v);
  if (v === STREAMING_UNSIGNED_TRAILER) return { kind: 'streaming-unsigned-trailer' };
  if (/^[0-9a-fA-F]{64}$/.test(v)) return { kind: 'signed', sha256: v.toLowerCase() };
  throw new S3Error('AccessDenied');
}

/**
 * Authenticates one request: SigV4 header, SigV4 presigned query, SigV2 header, SigV2 query,
 * or anonymous. Throws S3Error with AWS's code, message and extra fields. Pure: times come
 * from opts (realNow for the 15-minute skew, now for presigned validity and signature age).
 */
export function authenticate(req: RawRequest, lookup: CredentialLookup, opts: AuthOptions): AuthOutcome {
  const authorization = headerValue(req.headers, 'authorization');
  const params = req.rawQuery === '' ? new Map<string, string>() : parseQuery(req.rawQuery);
  const v4Query = params.has('X-Amz-Algorithm') || params.has('X-Amz-Credential') || params.has('X-Amz-Signature');
  const v2Query = params.has('Signature') || params.has('AWSAccessKeyId');
  const mechanisms = (authorization !== undefined ? 1 : 0) + (v4Query ? 1 : 0) + (v2Query ? 1 : 0);
  if (mechanisms > 1) throw new S3Error('InvalidArgument', ONE_MECHANISM);

  if (authorization !== undefined) {
    if (authorization.startsWith('AWS ')) return verifyHeaderSigV2(req, authorization, lookup, opts, payloadWithoutKey(req));
    return verifyHeaderSigV4(req, authorization, lookup, opts);
  }
  if (v4Query) return verifyPresignedSigV4(req, params, lookup, opts);
  if (v2Query) return verifyQuerySigV2(req, params, lookup, opts, payloadWithoutKey(req));
  return { kind: 'anonymous', payload: payloadWithoutKey(req) };
}
