import { expect } from 'chai';
import { authenticate } from '../../../server/auth/authenticate';
import { canonicalRequest } from '../../../server/auth/sigv4/canonical-request';
import { sha256Hex } from '../../../server/auth/sigv4/hash';
import { headerValue } from '../../../server/auth/sigv4/header-value';
import { parseAuthorization } from '../../../server/auth/sigv4/parse-authorization';
import { parseQuery } from '../../../server/auth/sigv4/parse-query';
import { stringToSign } from '../../../server/auth/sigv4/string-to-sign';
import type { AuthOptions, CredentialLookup, RawRequest } from '../../../server/auth/types';
import { isS3Error } from '../../../server/errors/s3-error';
import { parseHttp, readCase, readContext, suiteCases, SuiteContext } from './suite-helpers';

function lookupFor(ctx: SuiteContext): CredentialLookup {
  return (id) =>
    id === ctx.credentials.access_key_id
      ? { accessKeyId: id, secretAccessKey: ctx.credentials.secret_access_key, owner: 'suite', sessionToken: ctx.credentials.token }
      : undefined;
}

function optsFor(ctx: SuiteContext): AuthOptions {
  const t = new Date(ctx.timestamp);
  return { region: 'us-west-2', realNow: t, now: t, services: [ctx.service] };
}

function expectCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (e) {
    if (!isS3Error(e)) throw e;
    expect(e.code).to.equal(code);
    return;
  }
  expect.fail(`expected ${code}`);
}

/** Variants of a signed request with one signed part changed. */
function tamperings(req: RawRequest, signed: readonly string[]): Array<[string, RawRequest]> {
  const out: Array<[string, RawRequest]> = [
    ['method', { ...req, method: req.method === 'GET' ? 'POST' : 'GET' }],
    ['path', { ...req, rawPath: req.rawPath + 'x' }],
    ['query', { ...req, rawQuery: req.rawQuery === '' ? 'extra=1' : req.rawQuery + '&extra=1' }],
  ];
  for (const h of signed) {
    if (h === 'x-amz-date' || h === 'x-amz-security-token') continue; // date/token changes fail earlier checks
    const value = h === 'x-amz-content-sha256' ? sha256Hex('tampered') : 'tampered';
    out.push([`header ${h}`, { ...req, headers: { ...req.headers, [h]: value } }]);
  }
  return out;
}

describe('AWS SigV4 test suite (aws-c-auth), every case', () => {
  for (const name of suiteCases()) {
    const ctx = readContext(name);
    const uri = { normalize: ctx.normalize, doubleEncode: true };
    const amzDate = ctx.timestamp.replace(/[-:]/g, '');
    const scope = `${amzDate.slice(0, 8)}/${ctx.region}/${ctx.service}/aws4_request`;

    describe(name, () => {
      const header = parseHttp(readCase(name, 'header-signed-request.txt'));
      const auth = parseAuthorization(headerValue(header.req.headers, 'authorization') ?? '');
      const bodyHash = sha256Hex(header.body);
      const headerReq: RawRequest = { ...header.req, bodySha256: bodyHash };

      it('header form: reproduces the canonical request and string to sign', () => {
        const payload = headerValue(header.req.headers, 'x-amz-content-sha256') ?? bodyHash;
        const cr = canonicalRequest({ req: header.req, signedHeaders: auth.signedHeaders, payloadHash: payload, uri });
        expect(cr).to.equal(readCase(name, 'header-canonical-request.txt'));
        expect(stringToSign(amzDate, scope, cr)).to.equal(readCase(name, 'header-string-to-sign.txt'));
        expect(auth.signature).to.equal(readCase(name, 'header-signature.txt').trim());
      });

      if (ctx.omit_session_token === true) {
        it('header form: a token added after signing is refused as an unsigned header', () => {
          expectCode(() => authenticate(headerReq, lookupFor(ctx), optsFor(ctx)), 'AccessDenied');
        });
      } else if (ctx.normalize) {
        it('header form: accepted at its timestamp', () => {
          const out = authenticate(headerReq, lookupFor(ctx), optsFor(ctx));
          expect(out.kind).to.equal('signed');
        });
        it('header form: rejected when any signed part changes', () => {
          for (const [what, req] of tamperings(headerReq, auth.signedHeaders)) {
            try {
              authenticate(req, lookupFor(ctx), optsFor(ctx));
              expect.fail('accepted with tampered ' + what);
            } catch (e) {
              if (!isS3Error(e)) throw e;
              expect(e.code, what).to.equal('SignatureDoesNotMatch');
            }
          }
        });
      }

      const query = parseHttp(readCase(name, 'query-signed-request.txt'));
      it('query form: reproduces the canonical request and string to sign', () => {
        const params = parseQuery(query.req.rawQuery);
        const signed = (params.get('X-Amz-SignedHeaders') ?? '').split(';');
        // omit_session_token: the signer appended the token after signing.
        const rawQuery = ctx.omit_session_token === true ? query.req.rawQuery.replace(/&X-Amz-Security-Token=[^&]*/, '') : query.req.rawQuery;
        const cr = canonicalRequest({ req: { ...query.req, rawQuery }, signedHeaders: signed, payloadHash: bodyHash, uri, excludeQuery: 'X-Amz-Signature' });
        expect(cr).to.equal(readCase(name, 'query-canonical-request.txt'));
        expect(stringToSign(amzDate, scope, cr)).to.equal(readCase(name, 'query-string-to-sign.txt'));
        expect(params.get('X-Amz-Signature')).to.equal(readCase(name, 'query-signature.txt').trim());
      });

      if (ctx.normalize && ctx.omit_session_token !== true) {
        const queryReq: RawRequest = { ...query.req, bodySha256: bodyHash };
        it('query form: accepted at its timestamp, rejected when a signed part changes', () => {
          expect(authenticate(queryReq, lookupFor(ctx), optsFor(ctx)).kind).to.equal('signed');
          const signed = (parseQuery(query.req.rawQuery).get('X-Amz-SignedHeaders') ?? '').split(';');
          for (const [what, req] of tamperings(queryReq, signed)) {
            expectCode(() => authenticate(req, lookupFor(ctx), optsFor(ctx)), 'SignatureDoesNotMatch');
            void what;
          }
        });
      }
    });
  }
});
