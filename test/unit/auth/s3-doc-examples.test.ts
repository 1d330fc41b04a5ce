import { expect } from 'chai';
import { authenticate } from '../../../server/auth/authenticate';
import { canonicalRequest } from '../../../server/auth/sigv4/canonical-request';
import { S3_URI } from '../../../server/auth/sigv4/canonical-uri';
import { parseAuthorization } from '../../../server/auth/sigv4/parse-authorization';
import { stringToSign } from '../../../server/auth/sigv4/string-to-sign';
import type { RawRequest } from '../../../server/auth/types';
import { AKID, expectS3Error, lookup, opts } from './helpers';

// The worked examples of "Signature Calculations for the Authorization Header: Transferring
// Payload in a Single Chunk" and "Authenticating Requests: Using Query Parameters" (S3 API
// reference), AKIAIOSFODNN7EXAMPLE, 2013-05-24, us-east-1.
const AT = new Date('2013-05-24T00:00:00Z');
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const cred = `Credential=${AKID}/20130524/us-east-1/s3/aws4_request`;

interface DocExample {
  readonly name: string;
  readonly req: RawRequest;
  readonly canonical: string;
  readonly signature: string;
}

const examples: DocExample[] = [
  {
    name: 'GET Object (Range)',
    req: {
      method: 'GET', rawPath: '/test.txt', rawQuery: '',
      headers: { host: 'examplebucket.s3.amazonaws.com', range: 'bytes=0-9', 'x-amz-content-sha256': EMPTY, 'x-amz-date': '20130524T000000Z',
        authorization: `AWS4-HMAC-SHA256 ${cred},SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41` },
    },
    canonical: `GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\nx-amz-content-sha256:${EMPTY}\nx-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n${EMPTY}`,
    signature: 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
  },
  {
    name: 'PUT Object',
    req: {
      method: 'PUT', rawPath: '/test$file.text', rawQuery: '',
      headers: { host: 'examplebucket.s3.amazonaws.com', date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-date': '20130524T000000Z', 'x-amz-storage-class': 'REDUCED_REDUNDANCY',
        'x-amz-content-sha256': '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072',
        authorization: `AWS4-HMAC-SHA256 ${cred},SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd` },
    },
    canonical: 'PUT\n/test%24file.text\n\ndate:Fri, 24 May 2013 00:00:00 GMT\nhost:examplebucket.s3.amazonaws.com\nx-amz-content-sha256:44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072\nx-amz-date:20130524T000000Z\nx-amz-storage-class:REDUCED_REDUNDANCY\n\ndate;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class\n44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072',
    signature: '98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
  },
  {
    name: 'GET Bucket Lifecycle',
    req: {
      method: 'GET', rawPath: '/', rawQuery: 'lifecycle',
      headers: { host: 'examplebucket.s3.amazonaws.com', 'x-amz-date': '20130524T000000Z', 'x-amz-content-sha256': EMPTY,
        authorization: `AWS4-HMAC-SHA256 ${cred},SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543` },
    },
    canonical: `GET\n/\nlifecycle=\nhost:examplebucket.s3.amazonaws.com\nx-amz-content-sha256:${EMPTY}\nx-amz-date:20130524T000000Z\n\nhost;x-amz-content-sha256;x-amz-date\n${EMPTY}`,
    signature: 'fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543',
  },
  {
    name: 'GET Bucket (List Objects)',
    req: {
      method: 'GET', rawPath: '/', rawQuery: 'max-keys=2&prefix=J',
      headers: { host: 'examplebucket.s3.amazonaws.com', 'x-amz-date': '20130524T000000Z', 'x-amz-content-sha256': EMPTY,
        authorization: `AWS4-HMAC-SHA256 ${cred},SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7` },
    },
    canonical: `GET\n/\nmax-keys=2&prefix=J\nhost:examplebucket.s3.amazonaws.com\nx-amz-content-sha256:${EMPTY}\nx-amz-date:20130524T000000Z\n\nhost;x-amz-content-sha256;x-amz-date\n${EMPTY}`,
    signature: '34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7',
  },
];

describe('S3 documentation examples (SigV4 header)', () => {
  for (const ex of examples) {
    it(`${ex.name}: canonical request, signature and acceptance`, () => {
      const auth = parseAuthorization(String(ex.req.headers.authorization));
      const payload = String(ex.req.headers['x-amz-content-sha256']);
      const cr = canonicalRequest({ req: ex.req, signedHeaders: auth.signedHeaders, payloadHash: payload, uri: S3_URI });
      expect(cr).to.equal(ex.canonical);
      expect(auth.signature).to.equal(ex.signature);
      const out = authenticate(ex.req, lookup, opts(AT));
      expect(out.kind).to.equal('signed');
      if (out.kind === 'signed') {
        expect(out.authType).to.equal('REST-HEADER');
        expect(out.payload).to.deep.equal({ kind: 'signed', sha256: payload });
      }
    });
    it(`${ex.name}: rejected when the signature is off by one character`, () => {
      const bad = String(ex.req.headers.authorization).replace(/.$/, (c) => (c === '0' ? '1' : '0'));
      const e = expectS3Error(() => authenticate({ ...ex.req, headers: { ...ex.req.headers, authorization: bad } }, lookup, opts(AT)), 'SignatureDoesNotMatch');
      expect(e.fields.map(([n]) => n)).to.deep.equal(['AWSAccessKeyId', 'StringToSign', 'SignatureProvided', 'StringToSignBytes', 'CanonicalRequest', 'CanonicalRequestBytes']);
      expect(e.fields[4][1]).to.equal(ex.canonical);
      expect(e.fields[3][1].startsWith('41 57 53 34 2d')).to.equal(true);
    });
  }

  it('the GET Object string to sign is the documented one', () => {
    expect(stringToSign('20130524T000000Z', '20130524/us-east-1/s3/aws4_request', examples[0].canonical)).to.equal(
      'AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972',
    );
  });
});

describe('S3 documentation example (presigned URL)', () => {
  const query =
    'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request' +
    '&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host' +
    '&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404';
  const req: RawRequest = { method: 'GET', rawPath: '/test.txt', rawQuery: query, headers: { host: 'examplebucket.s3.amazonaws.com' } };
  const real = new Date('2026-01-01T00:00:00Z'); // presigned validity follows emulated time only

  it('is accepted within its day, UNSIGNED-PAYLOAD', () => {
    const out = authenticate(req, lookup, opts(real, 'us-east-1', new Date('2013-05-24T12:00:00Z')));
    expect(out.kind === 'signed' && out.authType).to.equal('REST-QUERY-STRING');
    expect(out.payload).to.deep.equal({ kind: 'unsigned' });
  });
  it('expires after X-Amz-Expires, with AWS fields', () => {
    const e = expectS3Error(() => authenticate(req, lookup, opts(real, 'us-east-1', new Date('2013-05-25T00:00:01Z'))), 'AccessDenied', 'Request has expired');
    expect(e.fields).to.deep.equal([['X-Amz-Expires', '86400'], ['Expires', '2013-05-25T00:00:00Z'], ['ServerTime', '2013-05-25T00:00:01Z']]);
  });
  it('is not valid before X-Amz-Date', () => {
    expectS3Error(() => authenticate(req, lookup, opts(real, 'us-east-1', new Date('2013-05-23T23:59:00Z'))), 'AccessDenied', 'Request is not valid yet');
  });
  it('rejects a changed path', () => {
    expectS3Error(() => authenticate({ ...req, rawPath: '/test2.txt' }, lookup, opts(real, 'us-east-1', AT)), 'SignatureDoesNotMatch');
  });
});
