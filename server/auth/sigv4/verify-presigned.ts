import { S3Error } from '../../errors/s3-error';
import type { AuthOptions, AuthOutcome, CredentialLookup, PayloadMode, RawRequest } from '../types';
import { checkScope, checkSessionToken, checkUnsignedHeaders, lookupOrThrow } from '../request-checks';
import { formatIsoSeconds, parseAmzDate } from './amz-date';
import { canonicalRequest } from './canonical-request';
import { DEFAULT_URI, S3_URI } from './canonical-uri';
import { EMPTY_SHA256 } from './hash';
import { headerValue } from './header-value';
import { parseCredential, QUERY_STYLE } from './parse-credential';
import { checkContentSha256, payloadModeOf, UNSIGNED_PAYLOAD } from './payload-mode';
import { signingKeyFor } from './signing-key';
import { ALGORITHM, stringToSign } from './string-to-sign';
import { verifySigV4 } from './verify';

const MAX_EXPIRES = 604800;
const PQE = 'AuthorizationQueryParametersError';
const MISSING =
  'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.';

function required(params: ReadonlyMap<string, string>, name: string): string {
  const v = params.get(name);
  if (v === undefined) throw new S3Error(PQE, MISSING);
  return v;
}

/**
 * X-Amz-Expires: AWS's own messages. 0 passes (AWS's wording is "non-negative"); such a URL
 * is only good within its signing second.
 */
function parseExpires(v: string): number {
  if (!/^-?\d+$/.test(v)) throw new S3Error(PQE, 'X-Amz-Expires should be a number');
  const n = Number(v);
  if (n < 0) throw new S3Error(PQE, 'X-Amz-Expires must be non-negative');
  if (n > MAX_EXPIRES) {
    throw new S3Error(
      PQE,
      'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds',
    );
  }
  return n;
}

/** Presigned payload: UNSIGNED-PAYLOAD for s3, unless the client signed x-amz-content-sha256. */
function payloadHashFor(req: RawRequest, service: string, signed: readonly string[]): string {
  const header = headerValue(req.headers, 'x-amz-content-sha256');
  if (header !== undefined && signed.includes('x-amz-content-sha256')) {
    checkContentSha256(header.trim());
    return header.trim();
  }
  if (service === 's3') return UNSIGNED_PAYLOAD;
  return req.bodySha256 ?? EMPTY_SHA256;
}

export function verifyPresignedSigV4(
  req: RawRequest,
  params: ReadonlyMap<string, string>,
  lookup: CredentialLookup,
  opts: AuthOptions,
): AuthOutcome {
  const algorithm = required(params, 'X-Amz-Algorithm');
  const credential = required(params, 'X-Amz-Credential');
  const signature = required(params, 'X-Amz-Signature');
  const amzDate = required(params, 'X-Amz-Date');
  const signedList = required(params, 'X-Amz-SignedHeaders');
  const expiresRaw = required(params, 'X-Amz-Expires');
  if (algorithm !== ALGORITHM) throw new S3Error(PQE, 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  const expires = parseExpires(expiresRaw);
  const cred = parseCredential(credential, QUERY_STYLE);
  checkScope(cred, opts, QUERY_STYLE);
  const date = parseAmzDate(amzDate);
  if (date === undefined) {
    throw new S3Error(PQE, `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
  }
  if (amzDate.slice(0, 8) !== cred.date) {
    throw new S3Error(PQE, `Error parsing the X-Amz-Credential parameter; Invalid credential date "${cred.date}". This date is not the same as X-Amz-Date: "${amzDate.slice(0, 8)}".`);
  }
  // Validity window against emulated time, so tests can move the clock past an expiry.
  const now = opts.now.getTime();
  if (date.getTime() > now) throw new S3Error('AccessDenied', 'Request is not valid yet');
  const end = date.getTime() + expires * 1000;
  if (now > end) {
    throw new S3Error('AccessDenied', 'Request has expired', [
      ['X-Amz-Expires', String(expires)],
      ['Expires', formatIsoSeconds(new Date(end))],
      ['ServerTime', formatIsoSeconds(opts.now)],
    ]);
  }
  const known = lookupOrThrow(lookup, cred.accessKeyId);
  const signedHeaders = signedList === '' ? [] : signedList.toLowerCase().split(';');
  checkUnsignedHeaders(req, signedHeaders, []);
  checkSessionToken(known, params.get('X-Amz-Security-Token') ?? headerValue(req.headers, 'x-amz-security-token'));

  const payloadHash = payloadHashFor(req, cred.service, signedHeaders);
  const cr = canonicalRequest({
    req,
    signedHeaders,
    payloadHash,
    uri: cred.service === 's3' ? S3_URI : DEFAULT_URI,
    excludeQuery: 'X-Amz-Signature',
  });
  const sts = stringToSign(amzDate, cred.scope, cr);
  const key = signingKeyFor(known, cred.date, cred.region, cred.service);
  verifySigV4(key, { accessKeyId: cred.accessKeyId, stringToSign: sts, canonicalRequest: cr, signatureProvided: signature });

  // Non-s3 bodies were hashed into the signature: the body reader checks that hash again.
  const payload: PayloadMode =
    payloadHash === UNSIGNED_PAYLOAD
      ? { kind: 'unsigned' }
      : payloadModeOf(payloadHash, { signingKey: key, seedSignature: signature, amzDate, scope: cred.scope });
  return {
    kind: 'signed',
    credential: known,
    signatureVersion: 'AWS4-HMAC-SHA256',
    authType: 'REST-QUERY-STRING',
    service: cred.service,
    region: cred.region,
    signatureAgeMs: now - date.getTime(),
    payload,
  };
}
