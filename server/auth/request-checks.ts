import { timingSafeEqual } from 'node:crypto';
import { S3Error } from '../errors/s3-error';
import type { AuthOptions, KnownCredential, RawRequest } from './types';
import { formatIsoSeconds } from './sigv4/amz-date';
import { headerValue } from './sigv4/header-value';
import { CredentialErrorStyle, CredentialScope } from './sigv4/parse-credential';

export const DEFAULT_SERVICES: readonly string[] = ['s3', 'kms', 'iam', 'sts'];
export const MAX_SKEW_MS = 15 * 60 * 1000;

/**
 * Scope checks. The region is enforced for s3 only: IAM always signs us-east-1, and KMS/STS
 * regions are the front end's concern. A service this endpoint does not serve is refused.
 */
export function checkScope(scope: CredentialScope, opts: AuthOptions, style: CredentialErrorStyle): void {
  const services = opts.services ?? DEFAULT_SERVICES;
  if (!services.includes(scope.service)) {
    throw new S3Error(style.code, style.prefix + `incorrect service "${scope.service}". This endpoint belongs to "s3".`);
  }
  if (scope.service === 's3' && scope.region !== opts.region) {
    throw new S3Error(style.code, style.prefix + `the region '${scope.region}' is wrong; expecting '${opts.region}'`, [
      ['Region', opts.region],
    ]);
  }
}

/** 403 RequestTimeTooSkewed when the signed time is more than 15 minutes from real time. */
export function checkSkew(requestTime: Date, sent: string, opts: AuthOptions): void {
  if (Math.abs(opts.realNow.getTime() - requestTime.getTime()) > MAX_SKEW_MS) {
    throw new S3Error('RequestTimeTooSkewed', undefined, [
      ['RequestTime', sent],
      ['ServerTime', formatIsoSeconds(opts.realNow)],
      ['MaxAllowedSkewMilliseconds', String(MAX_SKEW_MS)],
    ]);
  }
}

export function lookupOrThrow(lookup: (id: string) => KnownCredential | undefined, accessKeyId: string): KnownCredential {
  const cred = lookup(accessKeyId);
  if (cred === undefined) throw new S3Error('InvalidAccessKeyId', undefined, [['AWSAccessKeyId', accessKeyId]]);
  return cred;
}

/**
 * x-amz-* headers the client sent but did not sign: AWS refuses them so that a signed URL
 * cannot be replayed with, say, an added x-amz-acl. `exempt` is what needs no signing.
 */
export function checkUnsignedHeaders(req: RawRequest, signed: readonly string[], exempt: readonly string[]): void {
  const missing: string[] = [];
  if (!signed.includes('host')) missing.push('host');
  for (const name of Object.keys(req.headers)) {
    if (!name.startsWith('x-amz-') || req.headers[name] === undefined) continue;
    if (!signed.includes(name) && !exempt.includes(name)) missing.push(name);
  }
  if (missing.length > 0) {
    throw new S3Error('AccessDenied', 'There were headers present in the request which were not signed', [
      ['HeadersNotSigned', missing.sort().join(', ')],
    ]);
  }
}

const INVALID_TOKEN = 'The provided token is malformed or otherwise invalid.';

/**
 * Temporary credentials need their token, and long-term keys must not carry one: AWS
 * answers InvalidToken either way.
 */
export function checkSessionToken(cred: KnownCredential, sent: string | undefined): void {
  if (cred.sessionToken === undefined) {
    if (sent !== undefined) throw new S3Error('InvalidToken', INVALID_TOKEN);
    return;
  }
  if (sent === undefined) throw new S3Error('InvalidToken', INVALID_TOKEN);
  const a = Buffer.from(cred.sessionToken, 'utf8');
  const b = Buffer.from(sent, 'utf8');
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new S3Error('InvalidToken', INVALID_TOKEN);
}

export function tokenHeader(req: RawRequest): string | undefined {
  return headerValue(req.headers, 'x-amz-security-token');
}
