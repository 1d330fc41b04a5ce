import { S3Error } from '../../errors/s3-error';
import type { AuthOptions, AuthOutcome, CredentialLookup, PayloadMode, RawRequest } from '../types';
import { checkScope, checkSessionToken, checkSkew, checkUnsignedHeaders, lookupOrThrow, tokenHeader } from '../request-checks';
import { formatAmzDate, parseAmzDate } from './amz-date';
import { canonicalRequest } from './canonical-request';
import { DEFAULT_URI, S3_URI } from './canonical-uri';
import { EMPTY_SHA256 } from './hash';
import { headerValue } from './header-value';
import { parseAuthorization } from './parse-authorization';
import { HEADER_STYLE } from './parse-credential';
import { checkContentSha256, payloadModeOf } from './payload-mode';
import { signingKeyFor } from './signing-key';
import { stringToSign } from './string-to-sign';
import { verifySigV4 } from './verify';

const NO_DATE = 'AWS authentication requires a valid Date or x-amz-date header';

/** The signed time: x-amz-date (ISO basic) wins over Date (RFC 7231), as in SigV4. */
function requestTime(req: RawRequest): { date: Date; sent: string } {
  const amz = headerValue(req.headers, 'x-amz-date');
  if (amz !== undefined) {
    const d = parseAmzDate(amz.trim());
    if (d === undefined) throw new S3Error('AccessDenied', NO_DATE);
    return { date: d, sent: amz.trim() };
  }
  const http = headerValue(req.headers, 'date');
  const t = http === undefined ? NaN : Date.parse(http);
  if (http === undefined || Number.isNaN(t)) throw new S3Error('AccessDenied', NO_DATE);
  return { date: new Date(t), sent: formatAmzDate(new Date(t)) };
}

/**
 * The payload hash that goes into the canonical request. For s3 it is x-amz-content-sha256,
 * which AWS requires on every SigV4 header-signed request: without it S3 answers
 * 400 InvalidRequest "Missing required header for this request: x-amz-content-sha256"
 * (reported against S3 in aws/aws-cli#2138, awslabs/aws-sdk-rust#291, request/request#2708).
 * curl >= 7.87 sends it for service s3 (UNSIGNED-PAYLOAD for uploads, the real hash for GET
 * and -d bodies: lib/http_aws_sigv4.c calc_s3_payload_hash), so curl needs no exception.
 * Other services sign sha256(body) and usually send no header: the caller supplies the hash.
 */
function payloadHashFor(req: RawRequest, service: string): string {
  const header = headerValue(req.headers, 'x-amz-content-sha256');
  if (header !== undefined) {
    checkContentSha256(header.trim());
    return header.trim();
  }
  if (service === 's3') {
    throw new S3Error('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  }
  if (req.bodySha256 !== undefined) return req.bodySha256;
  const len = headerValue(req.headers, 'content-length');
  if (len === undefined || len.trim() === '0') return EMPTY_SHA256;
  throw new S3Error('InternalError', 'The body hash must be computed before authenticating this request.');
}

export function verifyHeaderSigV4(
  req: RawRequest,
  authorization: string,
  lookup: CredentialLookup,
  opts: AuthOptions,
): AuthOutcome {
  const auth = parseAuthorization(authorization);
  const cred = auth.credential;
  checkScope(cred, opts, HEADER_STYLE);
  const payloadHash = payloadHashFor(req, cred.service);
  const time = requestTime(req);
  const amzDate = formatAmzDate(time.date);
  if (amzDate.slice(0, 8) !== cred.date) {
    throw new S3Error(
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; Invalid credential date "${cred.date}". This date is not the same as X-Amz-Date: "${amzDate.slice(0, 8)}".`,
    );
  }
  checkSkew(time.date, time.sent, opts);
  const known = lookupOrThrow(lookup, cred.accessKeyId);
  // x-amz-content-sha256 need not be signed: its value is the canonical request's last line.
  checkUnsignedHeaders(req, auth.signedHeaders, ['x-amz-content-sha256']);
  checkSessionToken(known, tokenHeader(req));

  const cr = canonicalRequest({
    req,
    signedHeaders: auth.signedHeaders,
    payloadHash,
    uri: cred.service === 's3' ? S3_URI : DEFAULT_URI,
  });
  const sts = stringToSign(amzDate, cred.scope, cr);
  const key = signingKeyFor(known, cred.date, cred.region, cred.service);
  verifySigV4(key, { accessKeyId: cred.accessKeyId, stringToSign: sts, canonicalRequest: cr, signatureProvided: auth.signature });

  const hasHeader = headerValue(req.headers, 'x-amz-content-sha256') !== undefined;
  const payload: PayloadMode = hasHeader
    ? payloadModeOf(payloadHash, { signingKey: key, seedSignature: auth.signature, amzDate, scope: cred.scope })
    : { kind: 'signed', sha256: payloadHash };
  return {
    kind: 'signed',
    credential: known,
    signatureVersion: 'AWS4-HMAC-SHA256',
    authType: 'REST-HEADER',
    service: cred.service,
    region: cred.region,
    signatureAgeMs: opts.now.getTime() - time.date.getTime(),
    payload,
  };
}
