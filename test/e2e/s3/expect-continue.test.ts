import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { expect } from 'chai';
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { bodyString, sdkError, sign, uniqueBucket, withBucket, type Harness } from '../support/e2e';

interface ContinueOutcome {
  gotContinue: boolean;
  /** Whether the body had been written when the final response arrived. */
  bodySentBeforeResponse: boolean;
  status: number;
  text: string;
}

/** Sends a PUT with Expect: 100-continue and writes the body only after 100 Continue. */
function putExpectingContinue(port: number, path: string, headers: OutgoingHttpHeaders, body: Buffer): Promise<ContinueOutcome> {
  return new Promise((resolve, reject) => {
    let gotContinue = false;
    let bodySent = false;
    const req = httpRequest({ host: '127.0.0.1', port, method: 'PUT', path, headers: { ...headers, Expect: '100-continue', 'Content-Length': body.length }, agent: false });
    req.on('continue', () => {
      gotContinue = true;
      bodySent = true;
      req.end(body);
    });
    req.on('response', (res: IncomingMessage) => {
      const sentAtResponse = bodySent;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ gotContinue, bodySentBeforeResponse: sentAtResponse, status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        if (!bodySent) req.destroy();
      });
    });
    req.on('error', (e) => { if (!bodySent) return; reject(e); });
    req.flushHeaders();
  });
}

describe('s3 e2e: Expect: 100-continue', () => {
  let h: Harness;
  let s3: S3Client;
  let Bucket: string;
  withBucket('ec', (c) => { ({ h, s3, Bucket } = c); });

  it('Expect_100_continue_signed_PUT_gets_100_then_200', async () => {
    const body = Buffer.alloc(256 * 1024, 0x61);
    const s = sign(h, { method: 'PUT', path: `/${Bucket}/continued`, body, headers: { 'Content-Type': 'application/octet-stream' } });
    const out = await putExpectingContinue(h.port, s.path, s.headers, body);
    expect(out.gotContinue).to.equal(true);
    expect(out.status).to.equal(200);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'continued' }));
    expect((await bodyString(got.Body)).length).to.equal(body.length);
  });

  it('Expect_100_continue_unauthenticated_PUT_is_403_before_body', async () => {
    const body = Buffer.alloc(64 * 1024, 0x62);
    const out = await putExpectingContinue(h.port, `/${Bucket}/anon-continued`, { 'Content-Type': 'application/octet-stream' }, body);
    expect(out.status).to.equal(403);
    expect(out.gotContinue).to.equal(false);
    expect(out.bodySentBeforeResponse).to.equal(false);
    expect(out.text).to.contain('<Code>AccessDenied</Code>');
    expect((await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key: 'anon-continued' })))).status).to.equal(404);
  });

  it('Expect_100_continue_bad_signature_is_403_SignatureDoesNotMatch_before_body', async () => {
    const body = Buffer.alloc(1024, 0x63);
    const s = sign(h, { method: 'PUT', path: `/${Bucket}/badsig-continued`, body, secretAccessKey: 'wrong-secret' });
    const out = await putExpectingContinue(h.port, s.path, s.headers, body);
    expect(out.status).to.equal(403);
    expect(out.gotContinue).to.equal(false);
    expect(out.text).to.contain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('Expect_100_continue_non_existing_bucket_is_404_before_body', async () => {
    const body = Buffer.alloc(1024, 0x64);
    const s = sign(h, { method: 'PUT', path: `/${uniqueBucket('nope')}/k`, body });
    const out = await putExpectingContinue(h.port, s.path, s.headers, body);
    expect(out.status).to.equal(404);
    expect(out.gotContinue).to.equal(false);
    expect(out.text).to.contain('<Code>NoSuchBucket</Code>');
  });
});
