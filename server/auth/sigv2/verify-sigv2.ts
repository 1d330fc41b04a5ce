import { createHmac } from 'node:crypto';
import { S3Error } from '../../errors/s3-error';
import type { AuthOptions, AuthOutcome, CredentialLookup, KnownCredential, PayloadMode, RawRequest } from '../types';
import { checkSessionToken, checkSkew, lookupOrThrow, tokenHeader } from '../request-checks';
import { formatAmzDate, formatIsoSeconds, parseAmzDate } from '../sigv4/amz-date';
import { headerValue } from '../sigv4/header-value';
import { signaturesEqual, spacedHex } from '../sigv4/verify';
import { stringToSignV2 } from './string-to-sign-v2';

const NO_DATE = 'AWS authentication requires a valid Date or x-amz-date header';

function check(cred: KnownCredential, accessKeyId: string, sts: string, provided: string): void {
  const expected = createHmac('sha1', cred.secretAccessKey).update(sts, 'utf8').digest('base64');
  if (!signaturesEqual(expected, provided)) {
    throw new S3Error('SignatureDoesNotMatch', undefined, [
      ['AWSAccessKeyId', accessKeyId],
      ['StringToSign', sts],
      ['SignatureProvided', provided],
      ['StringToSignBytes', spacedHex(sts)],
    ]);
  }
}

function signed(
  cred: KnownCredential,
  authType: 'REST-HEADER' | 'REST-QUERY-STRING',
  opts: AuthOptions,
  ageMs: number,
  payload: PayloadMode,
): AuthOutcome {
  // SigV2 carries no scope: the request is for this endpoint's region.
  return { kind: 'signed', credential: cred, signatureVersion: 'AWS', authType, service: 's3', region: opts.region, signatureAgeMs: ageMs, payload };
}

/** "Authorization: AWS AKID:base64(HMAC-SHA1(secret, StringToSign))". */
export function verifyHeaderSigV2(req: RawRequest, authorization: string, lookup: CredentialLookup, opts: AuthOptions, payload: PayloadMode): AuthOutcome {
  const rest = authorization.slice(4);
  const colon = rest.lastIndexOf(':');
  if (colon <= 0) {
    throw new S3Error('InvalidArgument', 'AWS authorization header is invalid.  Expected AwsAccessKeyId:signature', [
      ['ArgumentName', 'Authorization'],
      ['ArgumentValue', authorization],
    ]);
  }
  const accessKeyId = rest.slice(0, colon).trim();
  const provided = rest.slice(colon + 1).trim();
  const amz = headerValue(req.headers, 'x-amz-date');
  const sent = amz ?? headerValue(req.headers, 'date');
  const t = sent === undefined ? NaN : (parseAmzDate(sent.trim())?.getTime() ?? Date.parse(sent));
  if (sent === undefined || Number.isNaN(t)) throw new S3Error('AccessDenied', NO_DATE);
  checkSkew(new Date(t), formatAmzDate(new Date(t)), opts);
  const cred = lookupOrThrow(lookup, accessKeyId);
  checkSessionToken(cred, tokenHeader(req));
  check(cred, accessKeyId, stringToSignV2(req, undefined, opts.virtualHostBucket), provided);
  return signed(cred, 'REST-HEADER', opts, opts.now.getTime() - t, payload);
}

/** "?AWSAccessKeyId=..&Expires=<epoch seconds>&Signature=..": expiry against emulated time. */
export function verifyQuerySigV2(
  req: RawRequest,
  params: ReadonlyMap<string, string>,
  lookup: CredentialLookup,
  opts: AuthOptions,
  payload: PayloadMode,
): AuthOutcome {
  const accessKeyId = params.get('AWSAccessKeyId');
  const provided = params.get('Signature');
  const expires = params.get('Expires');
  if (accessKeyId === undefined || provided === undefined || expires === undefined) {
    throw new S3Error('AccessDenied', 'Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters');
  }
  const exp = /^\d+$/.test(expires) ? Number(expires) * 1000 : NaN;
  if (Number.isNaN(exp) || opts.now.getTime() > exp) {
    throw new S3Error('AccessDenied', 'Request has expired', [
      ['Expires', Number.isNaN(exp) ? expires : formatIsoSeconds(new Date(exp))],
      ['ServerTime', formatIsoSeconds(opts.now)],
    ]);
  }
  const cred = lookupOrThrow(lookup, accessKeyId);
  checkSessionToken(cred, params.get('x-amz-security-token') ?? tokenHeader(req));
  check(cred, accessKeyId, stringToSignV2(req, expires, opts.virtualHostBucket), provided);
  return signed(cred, 'REST-QUERY-STRING', opts, 0, payload);
}
