import { expect } from 'chai';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { bodyString, sdkError, signedRequest, withBucket, xmlText, type Harness } from '../support/e2e';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

describe('s3 e2e: conditionals and ranges', () => {
  let h: Harness;
  let s3: S3Client;
  let Bucket: string;
  let etag: string;
  let lastModified: Date;
  const Key = 'alpha.txt';
  const day = 24 * 3600 * 1000;

  withBucket('cond', async (c) => {
    ({ h, s3, Bucket } = c);
    const put = await s3.send(new PutObjectCommand({ Bucket, Key, Body: ALPHABET }));
    etag = put.ETag!;
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key }));
    lastModified = head.LastModified!;
  });

  const get = (extra: Record<string, unknown>) => s3.send(new GetObjectCommand({ Bucket, Key, ...extra }));
  const head = (extra: Record<string, unknown>) => s3.send(new HeadObjectCommand({ Bucket, Key, ...extra }));

  it('GetObject_Range_first_bytes_is_206_with_Content_Range', async () => {
    const out = await get({ Range: 'bytes=0-4' });
    expect(out.$metadata.httpStatusCode).to.equal(206);
    expect(out.ContentRange).to.equal('bytes 0-4/26');
    expect(out.ContentLength).to.equal(5);
    expect(await bodyString(out.Body)).to.equal('abcde');
  });

  it('GetObject_Range_suffix_returns_last_bytes', async () => {
    const out = await get({ Range: 'bytes=-3' });
    expect(out.$metadata.httpStatusCode).to.equal(206);
    expect(out.ContentRange).to.equal('bytes 23-25/26');
    expect(await bodyString(out.Body)).to.equal('xyz');
  });

  it('GetObject_Range_suffix_longer_than_object_returns_whole_object_as_206', async () => {
    const out = await get({ Range: 'bytes=-100' });
    expect(out.$metadata.httpStatusCode).to.equal(206);
    expect(out.ContentRange).to.equal('bytes 0-25/26');
    expect(await bodyString(out.Body)).to.equal(ALPHABET);
  });

  it('GetObject_Range_open_ended_returns_tail', async () => {
    const out = await get({ Range: 'bytes=20-' });
    expect(out.ContentRange).to.equal('bytes 20-25/26');
    expect(await bodyString(out.Body)).to.equal('uvwxyz');
  });

  it('GetObject_Range_end_past_size_is_clamped', async () => {
    const out = await get({ Range: 'bytes=24-1000' });
    expect(out.ContentRange).to.equal('bytes 24-25/26');
    expect(await bodyString(out.Body)).to.equal('yz');
  });

  it('GetObject_Range_single_byte', async () => {
    const out = await get({ Range: 'bytes=25-25' });
    expect(await bodyString(out.Body)).to.equal('z');
  });

  it('GetObject_Range_start_at_size_is_416_InvalidRange', async () => {
    const e = await sdkError(get({ Range: 'bytes=26-' }));
    expect(e.name).to.equal('InvalidRange');
    expect(e.status).to.equal(416);
  });

  it('GetObject_Range_past_end_is_416_with_RangeRequested_and_ActualObjectSize', async () => {
    const r = await signedRequest(h, { path: `/${Bucket}/${Key}`, headers: { Range: 'bytes=100-200' } });
    expect(r.status).to.equal(416);
    expect(xmlText(r.text, 'Code')).to.equal('InvalidRange');
    expect(xmlText(r.text, 'RangeRequested')).to.equal('bytes=100-200');
    expect(xmlText(r.text, 'ActualObjectSize')).to.equal('26');
  });

  it('GetObject_Range_syntactically_invalid_is_ignored_with_200', async () => {
    for (const Range of ['bytes=5-2', 'items=0-1', 'bytes=abc']) {
      const out = await get({ Range });
      expect(out.$metadata.httpStatusCode, Range).to.equal(200);
      expect(out.ContentRange, Range).to.equal(undefined);
      expect(await bodyString(out.Body), Range).to.equal(ALPHABET);
    }
  });

  it('HeadObject_Range_is_206_with_range_length', async () => {
    const out = await head({ Range: 'bytes=0-9' });
    expect(out.$metadata.httpStatusCode).to.equal(206);
    expect(out.ContentLength).to.equal(10);
    expect(out.ContentRange).to.equal('bytes 0-9/26');
  });

  it('GetObject_IfMatch_matching_is_200', async () => {
    const out = await get({ IfMatch: etag });
    expect(out.$metadata.httpStatusCode).to.equal(200);
    expect(await bodyString(out.Body)).to.equal(ALPHABET);
  });

  it('GetObject_IfMatch_unquoted_and_star_match', async () => {
    expect((await get({ IfMatch: etag.replace(/"/g, '') })).$metadata.httpStatusCode).to.equal(200);
    expect((await get({ IfMatch: '*' })).$metadata.httpStatusCode).to.equal(200);
  });

  it('GetObject_IfMatch_wrong_is_412_PreconditionFailed', async () => {
    const e = await sdkError(get({ IfMatch: '"00000000000000000000000000000000"' }));
    expect(e.name).to.equal('PreconditionFailed');
    expect(e.status).to.equal(412);
    const r = await signedRequest(h, { path: `/${Bucket}/${Key}`, headers: { 'If-Match': '"nope"' } });
    expect(xmlText(r.text, 'Condition')).to.equal('If-Match');
  });

  it('HeadObject_IfMatch_wrong_is_412_without_body', async () => {
    const e = await sdkError(head({ IfMatch: '"nope"' }));
    expect(e.status).to.equal(412);
  });

  it('GetObject_IfNoneMatch_matching_is_304_without_body', async () => {
    const e = await sdkError(get({ IfNoneMatch: etag }));
    expect(e.status).to.equal(304);
    const r = await signedRequest(h, { path: `/${Bucket}/${Key}`, headers: { 'If-None-Match': etag } });
    expect(r.status).to.equal(304);
    expect(r.body.length).to.equal(0);
    expect(r.headers['etag']).to.equal(etag);
  });

  it('GetObject_IfNoneMatch_star_is_304', async () => {
    const e = await sdkError(get({ IfNoneMatch: '*' }));
    expect(e.status).to.equal(304);
  });

  it('GetObject_IfNoneMatch_other_is_200', async () => {
    expect((await get({ IfNoneMatch: '"other"' })).$metadata.httpStatusCode).to.equal(200);
  });

  it('GetObject_IfModifiedSince_at_LastModified_is_304', async () => {
    const e = await sdkError(get({ IfModifiedSince: lastModified }));
    expect(e.status).to.equal(304);
  });

  it('GetObject_IfModifiedSince_in_future_is_304', async () => {
    const e = await sdkError(get({ IfModifiedSince: new Date(lastModified.getTime() + day) }));
    expect(e.status).to.equal(304);
  });

  it('GetObject_IfModifiedSince_before_LastModified_is_200', async () => {
    expect((await get({ IfModifiedSince: new Date(lastModified.getTime() - day) })).$metadata.httpStatusCode).to.equal(200);
  });

  it('GetObject_IfUnmodifiedSince_before_LastModified_is_412', async () => {
    const e = await sdkError(get({ IfUnmodifiedSince: new Date(lastModified.getTime() - day) }));
    expect(e.name).to.equal('PreconditionFailed');
    expect(e.status).to.equal(412);
  });

  it('GetObject_IfUnmodifiedSince_at_LastModified_is_200', async () => {
    expect((await get({ IfUnmodifiedSince: lastModified })).$metadata.httpStatusCode).to.equal(200);
  });

  it('GetObject_IfMatch_true_and_IfUnmodifiedSince_false_is_200', async () => {
    // AWS: If-Match true wins over a failing If-Unmodified-Since.
    const out = await get({ IfMatch: etag, IfUnmodifiedSince: new Date(lastModified.getTime() - day) });
    expect(out.$metadata.httpStatusCode).to.equal(200);
  });

  it('GetObject_IfNoneMatch_false_and_IfModifiedSince_true_is_304', async () => {
    // AWS: If-None-Match failing (etag matches) gives 304 even when If-Modified-Since holds.
    const e = await sdkError(get({ IfNoneMatch: etag, IfModifiedSince: new Date(lastModified.getTime() - day) }));
    expect(e.status).to.equal(304);
  });

  it('GetObject_IfMatch_wrong_beats_IfNoneMatch_is_412', async () => {
    const e = await sdkError(get({ IfMatch: '"nope"', IfNoneMatch: etag }));
    expect(e.status).to.equal(412);
  });

  it('HeadObject_IfNoneMatch_matching_is_304', async () => {
    const e = await sdkError(head({ IfNoneMatch: etag }));
    expect(e.status).to.equal(304);
  });

  it('GetObject_conditional_with_Range_applies_both', async () => {
    const out = await get({ IfMatch: etag, Range: 'bytes=1-2' });
    expect(out.$metadata.httpStatusCode).to.equal(206);
    expect(await bodyString(out.Body)).to.equal('bc');
  });

  it('PutObject_IfNoneMatch_star_on_existing_key_is_412_PreconditionFailed', async () => {
    const e = await sdkError(s3.send(new PutObjectCommand({ Bucket, Key, Body: 'overwrite attempt', IfNoneMatch: '*' })));
    expect(e.status).to.equal(412);
    expect(e.name).to.equal('PreconditionFailed');
    const got = await get({});
    expect(await bodyString(got.Body)).to.equal(ALPHABET);
  });

  it('PutObject_IfNoneMatch_star_on_new_key_is_200', async () => {
    const out = await s3.send(new PutObjectCommand({ Bucket, Key: 'fresh-conditional', Body: 'x', IfNoneMatch: '*' }));
    expect(out.$metadata.httpStatusCode).to.equal(200);
  });

  it('PutObject_IfMatch_wrong_etag_is_412_PreconditionFailed', async () => {
    const e = await sdkError(s3.send(new PutObjectCommand({ Bucket, Key, Body: 'overwrite attempt', IfMatch: '"00000000000000000000000000000000"' })));
    expect(e.status).to.equal(412);
    const got = await get({});
    expect(await bodyString(got.Body)).to.equal(ALPHABET);
  });
});
