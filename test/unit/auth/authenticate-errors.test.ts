import { expect } from 'chai';
import aws4 from 'aws4';
import { createHash, createHmac } from 'node:crypto';
import { authenticate, ONE_MECHANISM } from '../../../server/auth/authenticate';
import type { RawRequest } from '../../../server/auth/types';
import { AKID, expectS3Error, field, lookup, opts, SECRET, TOKEN, TOKEN_AKID } from './helpers';

const NOW = new Date();
const creds = { accessKeyId: AKID, secretAccessKey: SECRET };

/** Signs with the independent aws4 package and converts to a RawRequest. */
function signed(service: string, o: { method?: string; path?: string; body?: string; headers?: Record<string, string>; region?: string; signQuery?: boolean; sessionToken?: string; akid?: string } = {}): RawRequest {
  const req = aws4.sign(
    { host: 'localhost', service, region: o.region ?? 'us-east-1', method: o.method ?? 'GET', path: o.path ?? '/bucket/key', body: o.body, headers: { ...o.headers }, signQuery: o.signQuery },
    { ...creds, accessKeyId: o.akid ?? AKID, sessionToken: o.sessionToken },
  );
  const path = req.path ?? '/';
  const q = path.indexOf('?');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = String(v);
  headers.host = 'localhost';
  return { method: req.method ?? 'GET', rawPath: q < 0 ? path : path.slice(0, q), rawQuery: q < 0 ? '' : path.slice(q + 1), headers };
}

describe('authenticate: requests signed by aws4', () => {
  for (const service of ['s3', 'kms', 'iam', 'sts']) {
    it(`${service}: header-signed POST accepted; body, path and header tampering rejected`, () => {
      const body = 'Action=GetCallerIdentity&Version=2011-06-15';
      const req = signed(service, { method: 'POST', path: '/a/b%20c?x=1&y=%2B', body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-amz-meta-a': 'b' } });
      const withHash = { ...req, bodySha256: createHash('sha256').update('another body').digest('hex') };
      const good: RawRequest = service === 's3' ? req : { ...req, bodySha256: createHash('sha256').update(body).digest('hex') };
      expect(authenticate(good, lookup, opts(NOW)).kind).to.equal('signed');
      if (service !== 's3') expectS3Error(() => authenticate(withHash, lookup, opts(NOW)), 'SignatureDoesNotMatch');
      expectS3Error(() => authenticate({ ...good, rawPath: '/a/b%20d' }, lookup, opts(NOW)), 'SignatureDoesNotMatch');
      expectS3Error(() => authenticate({ ...good, rawQuery: 'x=2&y=%2B' }, lookup, opts(NOW)), 'SignatureDoesNotMatch');
      expectS3Error(() => authenticate({ ...good, headers: { ...good.headers, 'x-amz-meta-a': 'c' } }, lookup, opts(NOW)), 'SignatureDoesNotMatch');
    });
  }
  it('s3 presigned (aws4 signQuery) accepted; expired and tampered rejected', () => {
    const req = signed('s3', { signQuery: true });
    // aws4 signs with the wall clock, so "now" is read after signing (not at module load).
    const now = new Date();
    expect(authenticate(req, lookup, opts(now)).kind).to.equal('signed');
    expectS3Error(() => authenticate({ ...req, rawPath: '/bucket/other' }, lookup, opts(now)), 'SignatureDoesNotMatch');
    const later = new Date(now.getTime() + 86400_000 * 8);
    expectS3Error(() => authenticate(req, lookup, opts(now, 'us-east-1', later)), 'AccessDenied', 'Request has expired');
  });
});

describe('authenticate: AWS error answers', () => {
  it('unknown key → InvalidAccessKeyId with AWSAccessKeyId', () => {
    const e = expectS3Error(() => authenticate(signed('s3', { akid: 'AKIANOTKNOWN' }), lookup, opts(NOW)), 'InvalidAccessKeyId');
    expect(field(e, 'AWSAccessKeyId')).to.equal('AKIANOTKNOWN');
  });
  it('s3 scope in another region → AuthorizationHeaderMalformed with Region', () => {
    const e = expectS3Error(() => authenticate(signed('s3', { region: 'eu-west-1' }), lookup, opts(NOW)), 'AuthorizationHeaderMalformed',
      "The authorization header is malformed; the region 'eu-west-1' is wrong; expecting 'us-east-1'");
    expect(field(e, 'Region')).to.equal('us-east-1');
    expectS3Error(() => authenticate(signed('s3', { region: 'eu-west-1', signQuery: true }), lookup, opts(NOW)), 'AuthorizationQueryParametersError',
      "Error parsing the X-Amz-Credential parameter; the region 'eu-west-1' is wrong; expecting 'us-east-1'");
  });
  it('skew over 15 minutes → RequestTimeTooSkewed', () => {
    const e = expectS3Error(() => authenticate(signed('s3'), lookup, opts(new Date(NOW.getTime() + 16 * 60_000))), 'RequestTimeTooSkewed');
    expect(field(e, 'MaxAllowedSkewMilliseconds')).to.equal('900000');
    expect(authenticate(signed('s3'), lookup, opts(new Date(NOW.getTime() + 14 * 60_000))).kind).to.equal('signed');
  });
  it('missing date → AccessDenied; missing x-amz-content-sha256 on s3 → InvalidRequest; bad value → InvalidArgument', () => {
    const req = signed('s3');
    const { 'x-amz-date': _d, ...noDate } = req.headers;
    expectS3Error(() => authenticate({ ...req, headers: noDate }, lookup, opts(NOW)), 'AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
    const { 'x-amz-content-sha256': _h, ...noHash } = req.headers;
    expectS3Error(() => authenticate({ ...req, headers: noHash }, lookup, opts(NOW)), 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
    expectS3Error(() => authenticate({ ...req, headers: { ...req.headers, 'x-amz-content-sha256': 'nope' } }, lookup, opts(NOW)), 'InvalidArgument');
  });
  it('unsigned x-amz-* header → AccessDenied HeadersNotSigned', () => {
    const req = signed('s3');
    const e = expectS3Error(() => authenticate({ ...req, headers: { ...req.headers, 'x-amz-acl': 'public-read' } }, lookup, opts(NOW)), 'AccessDenied',
      'There were headers present in the request which were not signed');
    expect(field(e, 'HeadersNotSigned')).to.equal('x-amz-acl');
  });
  it('two mechanisms → InvalidArgument', () => {
    const req = signed('s3', { signQuery: true });
    expectS3Error(() => authenticate({ ...req, headers: { ...req.headers, authorization: 'AWS a:b' } }, lookup, opts(NOW)), 'InvalidArgument', ONE_MECHANISM);
  });
  it('presigned X-Amz-Expires limits and missing parameters', () => {
    const req = signed('s3', { signQuery: true });
    const withExpires = (v: string): RawRequest => ({ ...req, rawQuery: req.rawQuery.replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=' + v) });
    expectS3Error(() => authenticate(withExpires('604801'), lookup, opts(NOW)), 'AuthorizationQueryParametersError',
      'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds');
    expectS3Error(() => authenticate(withExpires('-1'), lookup, opts(NOW)), 'AuthorizationQueryParametersError', 'X-Amz-Expires must be non-negative');
    expectS3Error(() => authenticate({ ...req, rawQuery: req.rawQuery.replace(/&?X-Amz-Date=[^&]*/, '') }, lookup, opts(NOW)), 'AuthorizationQueryParametersError');
  });
  it('session tokens: required, must match, refused on long-term keys', () => {
    expect(authenticate(signed('s3', { akid: TOKEN_AKID, sessionToken: TOKEN }), lookup, opts(NOW)).kind).to.equal('signed');
    expectS3Error(() => authenticate(signed('s3', { akid: TOKEN_AKID }), lookup, opts(NOW)), 'InvalidToken', 'The provided token is malformed or otherwise invalid.');
    expectS3Error(() => authenticate(signed('s3', { akid: TOKEN_AKID, sessionToken: 'other' }), lookup, opts(NOW)), 'InvalidToken');
    expectS3Error(() => authenticate(signed('s3', { sessionToken: TOKEN }), lookup, opts(NOW)), 'InvalidToken');
  });
  it('anonymous requests carry no principal', () => {
    expect(authenticate({ method: 'GET', rawPath: '/b/k', rawQuery: '', headers: { host: 'x' } }, lookup, opts(NOW)).kind).to.equal('anonymous');
  });
});

describe('authenticate: SigV2', () => {
  const sign = (sts: string): string => createHmac('sha1', SECRET).update(sts).digest('base64');
  const date = NOW.toUTCString();
  it('header form (AWS AKID:sig), subresources and amz headers signed', () => {
    const sts = `PUT\n\ntext/plain\n${date}\nx-amz-meta-a:b\n/bucket/key?acl`;
    const req: RawRequest = { method: 'PUT', rawPath: '/bucket/key', rawQuery: 'acl&foo=bar', headers: { host: 'x', date, 'content-type': 'text/plain', 'x-amz-meta-a': 'b', authorization: `AWS ${AKID}:${sign(sts)}` } };
    const out = authenticate(req, lookup, opts(NOW));
    expect(out.kind === 'signed' && out.signatureVersion).to.equal('AWS');
    const e = expectS3Error(() => authenticate({ ...req, headers: { ...req.headers, 'x-amz-meta-a': 'c' } }, lookup, opts(NOW)), 'SignatureDoesNotMatch');
    expect(field(e, 'StringToSign')).to.equal(sts.replace('x-amz-meta-a:b', 'x-amz-meta-a:c'));
  });
  it('query form (boto3 presign style): accepted, expired with fields, tampered rejected', () => {
    const expires = String(Math.floor(NOW.getTime() / 1000) + 3600);
    const sig = encodeURIComponent(sign(`GET\n\n\n${expires}\n/bucket/key`));
    const req: RawRequest = { method: 'GET', rawPath: '/bucket/key', rawQuery: `AWSAccessKeyId=${AKID}&Signature=${sig}&Expires=${expires}`, headers: { host: 'x' } };
    expect(authenticate(req, lookup, opts(NOW)).kind).to.equal('signed');
    const late = new Date(NOW.getTime() + 3601_000);
    const e = expectS3Error(() => authenticate(req, lookup, opts(NOW, 'us-east-1', late)), 'AccessDenied', 'Request has expired');
    expect(e.fields.map(([n]) => n)).to.deep.equal(['Expires', 'ServerTime']);
    expectS3Error(() => authenticate({ ...req, rawPath: '/bucket/other' }, lookup, opts(NOW)), 'SignatureDoesNotMatch');
    expectS3Error(() => authenticate({ ...req, rawQuery: `AWSAccessKeyId=${AKID}&Signature=${sig}` }, lookup, opts(NOW)), 'AccessDenied',
      'Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters');
  });
});
