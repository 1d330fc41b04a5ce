import { createHash, createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import { expect } from 'chai';
import { GetObjectCommand, HeadObjectCommand, ListBucketsCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { bodyBytes, bodyString, rawRequest, sdkError, sign, signedRequest, withBucket, xmlText, type Harness } from '../support/e2e';

function amzDate(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

describe('auth e2e: signatures, presigned URLs and the emulated clock', () => {
  let h: Harness;
  let s3: S3Client;
  let Bucket: string;
  const Key = 'secret.txt';

  withBucket('auth', async (c) => {
    ({ h, s3, Bucket } = c);
    await s3.send(new PutObjectCommand({ Bucket, Key, Body: 'top secret' }));
  });
  afterEach(() => { h.emu.clock.setOffsetSeconds(0); });

  it('SigV4_wrong_secret_is_403_SignatureDoesNotMatch', async () => {
    const e = await sdkError(h.s3({ secretAccessKey: 'not-the-secret' }).send(new GetObjectCommand({ Bucket, Key })));
    expect(e.name).to.equal('SignatureDoesNotMatch');
    expect(e.status).to.equal(403);
    const r = await signedRequest(h, { path: `/${Bucket}/${Key}`, secretAccessKey: 'not-the-secret' });
    expect(xmlText(r.text, 'AWSAccessKeyId')).to.equal(h.emu.credentials.accessKeyId);
    expect(xmlText(r.text, 'StringToSign')).to.match(/^AWS4-HMAC-SHA256\n/);
    expect(xmlText(r.text, 'CanonicalRequest')).to.match(/^GET\n/);
    expect(xmlText(r.text, 'SignatureProvided')).to.match(/^[0-9a-f]{64}$/);
  });

  it('SigV4_unknown_access_key_is_403_InvalidAccessKeyId', async () => {
    const e = await sdkError(h.s3({ accessKeyId: 'AKIAUNKNOWNUNKNOWN00' }).send(new ListBucketsCommand({})));
    expect(e.name).to.equal('InvalidAccessKeyId');
    expect(e.status).to.equal(403);
    expect(e.message).to.equal('The AWS Access Key Id you provided does not exist in our records.');
  });

  it('SigV4_wrong_region_in_scope_is_400_AuthorizationHeaderMalformed', async () => {
    const e = await sdkError(h.s3({ region: 'eu-west-1' }).send(new GetObjectCommand({ Bucket, Key })));
    expect(e.name).to.equal('AuthorizationHeaderMalformed');
    expect(e.status).to.equal(400);
    expect(e.message).to.contain("the region 'eu-west-1' is wrong; expecting 'us-east-1'");
    const r = await signedRequest(h, { path: `/${Bucket}/${Key}`, region: 'eu-west-1' });
    expect(xmlText(r.text, 'Region')).to.equal('us-east-1');
  });

  it('SigV4_request_time_20_minutes_ago_is_403_RequestTimeTooSkewed', async () => {
    const old = amzDate(new Date(Date.now() - 20 * 60 * 1000));
    const r = await signedRequest(h, { path: `/${Bucket}/${Key}`, headers: { 'X-Amz-Date': old } });
    expect(r.status).to.equal(403);
    expect(xmlText(r.text, 'Code')).to.equal('RequestTimeTooSkewed');
    expect(xmlText(r.text, 'Message')).to.equal('The difference between the request time and the current time is too large.');
    expect(xmlText(r.text, 'RequestTime')).to.be.a('string');
    expect(xmlText(r.text, 'ServerTime')).to.be.a('string');
  });

  it('SigV4_request_time_10_minutes_ago_is_accepted', async () => {
    const recent = amzDate(new Date(Date.now() - 10 * 60 * 1000));
    const r = await signedRequest(h, { path: `/${Bucket}/${Key}`, headers: { 'X-Amz-Date': recent } });
    expect(r.status).to.equal(200);
  });

  it('SigV4_unsigned_x_amz_header_is_403_AccessDenied_HeadersNotSigned', async () => {
    const s = sign(h, { path: `/${Bucket}/${Key}` });
    const r = await rawRequest(h.port, { path: s.path, host: s.host, headers: { ...s.headers, 'x-amz-meta-smuggled': 'yes' } });
    expect(r.status).to.equal(403);
    expect(xmlText(r.text, 'Code')).to.equal('AccessDenied');
    expect(xmlText(r.text, 'Message')).to.equal('There were headers present in the request which were not signed');
    expect(xmlText(r.text, 'HeadersNotSigned')).to.contain('x-amz-meta-smuggled');
  });

  it('SigV4_body_not_matching_x_amz_content_sha256_is_400_XAmzContentSHA256Mismatch_and_nothing_stored', async () => {
    const s = sign(h, { method: 'PUT', path: `/${Bucket}/sha-mismatch`, body: 'signed body' });
    const r = await rawRequest(h.port, { method: 'PUT', path: s.path, host: s.host, headers: s.headers, body: 'other body!' });
    expect(r.status).to.equal(400);
    expect(xmlText(r.text, 'Code')).to.equal('XAmzContentSHA256Mismatch');
    expect((await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key: 'sha-mismatch' })))).status).to.equal(404);
  });

  it('Anonymous_GET_is_403_AccessDenied', async () => {
    const res = await fetch(`${h.emu.endpoint}/${Bucket}/${Key}`);
    expect(res.status).to.equal(403);
    expect(xmlText(await res.text(), 'Code')).to.equal('AccessDenied');
  });

  it('Anonymous_PUT_is_403_AccessDenied_and_nothing_stored', async () => {
    const res = await fetch(`${h.emu.endpoint}/${Bucket}/anon-put`, { method: 'PUT', body: 'x' });
    expect(res.status).to.equal(403);
    expect((await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key: 'anon-put' })))).status).to.equal(404);
  });

  describe('presigned SigV4', () => {
    it('Presigned_GET_works_with_fetch', async () => {
      const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket, Key }), { expiresIn: 300 });
      const res = await fetch(url);
      expect(res.status).to.equal(200);
      expect(await res.text()).to.equal('top secret');
    });

    it('Presigned_PUT_works_with_fetch', async () => {
      const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket, Key: 'presigned-put' }), { expiresIn: 300 });
      const res = await fetch(url, { method: 'PUT', body: 'uploaded via url' });
      expect(res.status).to.equal(200);
      expect(await bodyString((await s3.send(new GetObjectCommand({ Bucket, Key: 'presigned-put' }))).Body)).to.equal('uploaded via url');
    });

    it('Presigned_GET_expired_by_moving_clock_is_403_Request_has_expired', async () => {
      const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket, Key }), { expiresIn: 60 });
      expect((await fetch(url)).status).to.equal(200);
      h.emu.clock.advanceSeconds(120);
      const res = await fetch(url);
      expect(res.status).to.equal(403);
      const text = await res.text();
      expect(xmlText(text, 'Code')).to.equal('AccessDenied');
      expect(xmlText(text, 'Message')).to.equal('Request has expired');
      expect(xmlText(text, 'X-Amz-Expires')).to.equal('60');
      expect(xmlText(text, 'Expires')).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(xmlText(text, 'ServerTime')).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(Date.parse(xmlText(text, 'ServerTime')!)).to.be.greaterThan(Date.parse(xmlText(text, 'Expires')!));
    });

    it('Presigned_GET_expired_via_emulator_clock_endpoint', async () => {
      const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket, Key }), { expiresIn: 30 });
      const body = JSON.stringify({ advanceSeconds: 3600 });
      const clock = await signedRequest(h, { method: 'POST', path: '/_emulator/clock', body, headers: { 'Content-Type': 'application/json' } });
      expect(clock.status).to.equal(200);
      const state = JSON.parse(clock.text) as { offsetSeconds: number; now: string };
      expect(state.offsetSeconds).to.equal(3600);
      expect(Date.parse(state.now) - Date.now()).to.be.greaterThan(3500 * 1000);
      const res = await fetch(url);
      expect(res.status).to.equal(403);
      expect(xmlText(await res.text(), 'Message')).to.equal('Request has expired');
    });

    it('Presigned_X_Amz_Expires_604801_is_400_AuthorizationQueryParametersError', async () => {
      const s = sign(h, { path: `/${Bucket}/${Key}?X-Amz-Expires=604801`, signQuery: true });
      const r = await rawRequest(h.port, { path: s.path, host: s.host });
      expect(r.status).to.equal(400);
      expect(xmlText(r.text, 'Code')).to.equal('AuthorizationQueryParametersError');
      expect(xmlText(r.text, 'Message')).to.equal('X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds');
    });

    it('Presigned_X_Amz_Expires_604800_is_accepted', async () => {
      const s = sign(h, { path: `/${Bucket}/${Key}?X-Amz-Expires=604800`, signQuery: true });
      const r = await rawRequest(h.port, { path: s.path, host: s.host });
      expect(r.status).to.equal(200);
    });

    it('Presigned_negative_X_Amz_Expires_is_400_AuthorizationQueryParametersError', async () => {
      const s = sign(h, { path: `/${Bucket}/${Key}?X-Amz-Expires=-1`, signQuery: true });
      const r = await rawRequest(h.port, { path: s.path, host: s.host });
      expect(r.status).to.equal(400);
      expect(xmlText(r.text, 'Code')).to.equal('AuthorizationQueryParametersError');
      expect(xmlText(r.text, 'Message')).to.equal('X-Amz-Expires must be non-negative');
    });

    it('Presigned_missing_parameter_is_400_AuthorizationQueryParametersError', async () => {
      const url = new URL(await getSignedUrl(s3, new GetObjectCommand({ Bucket, Key }), { expiresIn: 300 }));
      url.searchParams.delete('X-Amz-Date');
      const res = await fetch(url);
      expect(res.status).to.equal(400);
      expect(xmlText(await res.text(), 'Code')).to.equal('AuthorizationQueryParametersError');
    });

    it('Presigned_date_in_future_is_403_Request_is_not_valid_yet', async () => {
      const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket, Key }), { expiresIn: 300, signingDate: new Date(Date.now() + 3600 * 1000) });
      const res = await fetch(url);
      expect(res.status).to.equal(403);
      const text = await res.text();
      expect(xmlText(text, 'Code')).to.equal('AccessDenied');
      expect(xmlText(text, 'Message')).to.equal('Request is not valid yet');
    });

    it('Presigned_tampered_signature_is_403_SignatureDoesNotMatch', async () => {
      const url = new URL(await getSignedUrl(s3, new GetObjectCommand({ Bucket, Key }), { expiresIn: 300 }));
      const sig = url.searchParams.get('X-Amz-Signature')!;
      url.searchParams.set('X-Amz-Signature', (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1));
      const res = await fetch(url);
      expect(res.status).to.equal(403);
      expect(xmlText(await res.text(), 'Code')).to.equal('SignatureDoesNotMatch');
    });

    it('Presigned_URL_for_another_key_is_403_SignatureDoesNotMatch', async () => {
      await s3.send(new PutObjectCommand({ Bucket, Key: 'other.txt', Body: 'other' }));
      const url = new URL(await getSignedUrl(s3, new GetObjectCommand({ Bucket, Key }), { expiresIn: 300 }));
      url.pathname = url.pathname.replace(Key, 'other.txt');
      const res = await fetch(url);
      expect(res.status).to.equal(403);
      expect(xmlText(await res.text(), 'Code')).to.equal('SignatureDoesNotMatch');
    });

    it('Presigned_with_added_unsigned_x_amz_header_is_403_HeadersNotSigned', async () => {
      const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket, Key: 'presigned-acl' }), { expiresIn: 300 });
      const u = new URL(url);
      const r = await rawRequest(h.port, { method: 'PUT', path: u.pathname + u.search, host: u.host, headers: { 'x-amz-acl': 'private' }, body: 'x' });
      expect(r.status).to.equal(403);
      expect(xmlText(r.text, 'Code')).to.equal('AccessDenied');
      expect(xmlText(r.text, 'HeadersNotSigned')).to.contain('x-amz-acl');
    });
  });

  describe('SigV2', () => {
    const v2sig = (sts: string, secret = h.emu.credentials.secretAccessKey) => createHmac('sha1', secret).update(sts, 'utf8').digest('base64');

    it('SigV2_header_PUT_and_GET_are_accepted', async () => {
      const date = new Date().toUTCString();
      const putPath = `/${Bucket}/sigv2-obj`;
      const putSts = `PUT\n\ntext/plain\n${date}\nx-amz-meta-via:sigv2\n${putPath}`;
      const put = await rawRequest(h.port, {
        method: 'PUT', path: putPath, body: 'v2 body',
        headers: { Date: date, 'Content-Type': 'text/plain', 'x-amz-meta-via': 'sigv2', Authorization: `AWS ${h.emu.credentials.accessKeyId}:${v2sig(putSts)}` },
      });
      expect(put.status, put.text).to.equal(200);
      const getSts = `GET\n\n\n${date}\n${putPath}`;
      const get = await rawRequest(h.port, { path: putPath, headers: { Date: date, Authorization: `AWS ${h.emu.credentials.accessKeyId}:${v2sig(getSts)}` } });
      expect(get.status).to.equal(200);
      expect(get.text).to.equal('v2 body');
      expect(get.headers['x-amz-meta-via']).to.equal('sigv2');
    });

    it('SigV2_header_wrong_secret_is_403_SignatureDoesNotMatch', async () => {
      const date = new Date().toUTCString();
      const path = `/${Bucket}/${Key}`;
      const r = await rawRequest(h.port, { path, headers: { Date: date, Authorization: `AWS ${h.emu.credentials.accessKeyId}:${v2sig(`GET\n\n\n${date}\n${path}`, 'wrong')}` } });
      expect(r.status).to.equal(403);
      expect(xmlText(r.text, 'Code')).to.equal('SignatureDoesNotMatch');
      expect(xmlText(r.text, 'StringToSign')).to.equal(`GET\n\n\n${date}\n${path}`);
    });

    it('SigV2_query_presigned_GET_is_accepted', async () => {
      const expires = Math.floor(h.emu.clock.now().getTime() / 1000) + 300;
      const path = `/${Bucket}/${Key}`;
      const sig = v2sig(`GET\n\n\n${expires}\n${path}`);
      const res = await fetch(`${h.emu.endpoint}${path}?AWSAccessKeyId=${h.emu.credentials.accessKeyId}&Expires=${expires}&Signature=${encodeURIComponent(sig)}`);
      expect(res.status).to.equal(200);
      expect(await res.text()).to.equal('top secret');
    });

    it('SigV2_query_expired_is_403_Request_has_expired', async () => {
      const expires = Math.floor(h.emu.clock.now().getTime() / 1000) + 60;
      const path = `/${Bucket}/${Key}`;
      const url = `${h.emu.endpoint}${path}?AWSAccessKeyId=${h.emu.credentials.accessKeyId}&Expires=${expires}&Signature=${encodeURIComponent(v2sig(`GET\n\n\n${expires}\n${path}`))}`;
      expect((await fetch(url)).status).to.equal(200);
      h.emu.clock.advanceSeconds(120);
      const res = await fetch(url);
      expect(res.status).to.equal(403);
      const text = await res.text();
      expect(xmlText(text, 'Code')).to.equal('AccessDenied');
      expect(xmlText(text, 'Message')).to.equal('Request has expired');
      expect(xmlText(text, 'Expires')).to.be.a('string');
      expect(xmlText(text, 'ServerTime')).to.be.a('string');
      expect(xmlText(text, 'X-Amz-Expires')).to.equal(undefined);
    });

    it('SigV2_query_tampered_signature_is_403_SignatureDoesNotMatch', async () => {
      const expires = Math.floor(h.emu.clock.now().getTime() / 1000) + 300;
      const path = `/${Bucket}/${Key}`;
      const res = await fetch(`${h.emu.endpoint}${path}?AWSAccessKeyId=${h.emu.credentials.accessKeyId}&Expires=${expires}&Signature=${encodeURIComponent(v2sig(`GET\n\n\n${expires + 1}\n${path}`))}`);
      expect(res.status).to.equal(403);
      expect(xmlText(await res.text(), 'Code')).to.equal('SignatureDoesNotMatch');
    });

    it('SigV2_query_missing_parameter_is_403_AccessDenied', async () => {
      const res = await fetch(`${h.emu.endpoint}/${Bucket}/${Key}?AWSAccessKeyId=${h.emu.credentials.accessKeyId}&Signature=abc`);
      expect(res.status).to.equal(403);
      const text = await res.text();
      expect(xmlText(text, 'Code')).to.equal('AccessDenied');
      expect(xmlText(text, 'Message')).to.equal('Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters');
    });
  });

  describe('streaming payloads', () => {
    const sha256hex = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

    /** A STREAMING-AWS4-HMAC-SHA256-PAYLOAD upload, chunk signatures computed here per AWS's spec. */
    async function chunkedPut(PutKey: string, data: Buffer, chunkSizes: number[], tamperChunk?: number) {
      const creds = h.emu.credentials;
      const sigLen = 64;
      const chunks: Buffer[] = [];
      let offset = 0;
      for (const n of chunkSizes) { chunks.push(data.subarray(offset, offset + n)); offset += n; }
      chunks.push(Buffer.alloc(0));
      const encodedLength = chunks.reduce((sum, c) => sum + c.length.toString(16).length + ';chunk-signature='.length + sigLen + 2 + c.length + 2, 0);
      const signed = sign(h, {
        method: 'PUT', path: `/${Bucket}/${PutKey}`,
        headers: {
          'X-Amz-Content-Sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
          'Content-Encoding': 'aws-chunked',
          'X-Amz-Decoded-Content-Length': String(data.length),
          'Content-Length': String(encodedLength),
          'Content-Type': 'application/octet-stream',
        },
      });
      const date = signed.headers['X-Amz-Date'];
      const seed = /Signature=([0-9a-f]{64})/.exec(signed.headers['Authorization'])![1];
      const scope = `${date.slice(0, 8)}/us-east-1/s3/aws4_request`;
      const kDate = createHmac('sha256', `AWS4${creds.secretAccessKey}`).update(date.slice(0, 8)).digest();
      const kRegion = createHmac('sha256', kDate).update('us-east-1').digest();
      const kService = createHmac('sha256', kRegion).update('s3').digest();
      const kSigning = createHmac('sha256', kService).update('aws4_request').digest();
      let prev = seed;
      const parts: Buffer[] = [];
      chunks.forEach((c, i) => {
        const sts = ['AWS4-HMAC-SHA256-PAYLOAD', date, scope, prev, sha256hex(''), sha256hex(c)].join('\n');
        let sig = createHmac('sha256', kSigning).update(sts).digest('hex');
        prev = sig;
        if (i === tamperChunk) sig = (sig[0] === '0' ? '1' : '0') + sig.slice(1);
        parts.push(Buffer.from(`${c.length.toString(16)};chunk-signature=${sig}\r\n`), c, Buffer.from('\r\n'));
      });
      const body = Buffer.concat(parts);
      expect(body.length).to.equal(encodedLength);
      return rawRequest(h.port, { method: 'PUT', path: signed.path, host: signed.host, headers: signed.headers, body });
    }

    const payload = Buffer.from(Array.from({ length: 10_000 }, (_, i) => (i * 13) & 0xff));

    it('Streaming_signed_chunked_upload_stores_decoded_bytes', async () => {
      const r = await chunkedPut('chunked-ok', payload, [8192, 1808]);
      expect(r.status, r.text).to.equal(200);
      const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'chunked-ok' }));
      expect((await bodyBytes(got.Body)).equals(payload)).to.equal(true);
      expect(got.ContentEncoding).to.equal(undefined);
    });

    it('Streaming_signed_tampered_chunk_signature_is_403_SignatureDoesNotMatch_and_nothing_stored', async () => {
      const r = await chunkedPut('chunked-tampered', payload, [8192, 1808], 1);
      expect(r.status).to.equal(403);
      expect(xmlText(r.text, 'Code')).to.equal('SignatureDoesNotMatch');
      expect((await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key: 'chunked-tampered' })))).status).to.equal(404);
    });

    it('Streaming_signed_tampered_final_chunk_signature_is_403_and_nothing_stored', async () => {
      const r = await chunkedPut('chunked-tampered-final', payload, [8192, 1808], 2);
      expect(r.status).to.equal(403);
      expect(xmlText(r.text, 'Code')).to.equal('SignatureDoesNotMatch');
      expect((await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key: 'chunked-tampered-final' })))).status).to.equal(404);
    });

    it('SDK_default_STREAMING_UNSIGNED_PAYLOAD_TRAILER_PutObject_stores_exact_bytes', async () => {
      const client = h.s3();
      const seen: Record<string, string>[] = [];
      client.middlewareStack.add((next) => async (args) => {
        seen.push({ ...(args.request as { headers: Record<string, string> }).headers });
        return next(args);
      }, { step: 'finalizeRequest', name: 'captureHeaders', priority: 'low' });
      const data = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7) & 0xff));
      await client.send(new PutObjectCommand({ Bucket, Key: 'trailer', Body: Readable.from([data.subarray(0, 30_000), data.subarray(30_000)]), ContentLength: data.length }));
      const sent = seen[0];
      expect(sent['x-amz-content-sha256']).to.equal('STREAMING-UNSIGNED-PAYLOAD-TRAILER');
      expect(sent['content-encoding']).to.contain('aws-chunked');
      expect(sent['x-amz-trailer']).to.match(/^x-amz-checksum-/);
      const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'trailer' }));
      expect(got.ContentLength).to.equal(data.length);
      expect((await bodyBytes(got.Body)).equals(data)).to.equal(true);
      expect(got.ETag).to.equal(`"${createHash('md5').update(data).digest('hex')}"`);
      expect(got.ContentEncoding).to.equal(undefined);
    });
  });

  describe('emulator endpoints', () => {
    it('Emulator_health_is_open', async () => {
      const res = await fetch(`${h.emu.endpoint}/_emulator/health`);
      expect(res.status).to.equal(200);
      const body = (await res.json()) as { status: string };
      expect(body.status).to.equal('ok');
    });

    it('Emulator_clock_unauthenticated_is_403', async () => {
      const get = await fetch(`${h.emu.endpoint}/_emulator/clock`);
      expect(get.status).to.equal(403);
      const post = await fetch(`${h.emu.endpoint}/_emulator/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds: 100000 }), headers: { 'Content-Type': 'application/json' } });
      expect(post.status).to.equal(403);
      expect(h.emu.clock.offsetSeconds()).to.equal(0);
    });

    it('Emulator_clock_wrong_secret_is_403', async () => {
      const r = await signedRequest(h, { method: 'POST', path: '/_emulator/clock', body: JSON.stringify({ advanceSeconds: 10 }), secretAccessKey: 'wrong' });
      expect(r.status).to.equal(403);
      expect(h.emu.clock.offsetSeconds()).to.equal(0);
    });
  });
});
