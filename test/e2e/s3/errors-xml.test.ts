import { expect } from 'chai';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { signedRequest, uniqueBucket, withBucket, xmlText, type Harness } from '../support/e2e';

describe('s3 e2e: error response shape', () => {
  let h: Harness;
  let s3: S3Client;
  let Bucket: string;

  withBucket('err', async (c) => {
    ({ h, s3, Bucket } = c);
    await s3.send(new PutObjectCommand({ Bucket, Key: 'exists', Body: 'x' }));
  });

  it('Error_body_has_Code_Message_RequestId_HostId_matching_headers', async () => {
    const r = await signedRequest(h, { path: `/${Bucket}/missing-key` });
    expect(r.status).to.equal(404);
    expect(r.headers['content-type']).to.match(/^application\/xml/);
    expect(r.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).to.equal(true);
    expect(r.text).to.match(/<Error>/);
    expect(xmlText(r.text, 'Code')).to.equal('NoSuchKey');
    expect(xmlText(r.text, 'Message')).to.equal('The specified key does not exist.');
    expect(xmlText(r.text, 'Key')).to.equal('missing-key');
    const requestId = xmlText(r.text, 'RequestId');
    const hostId = xmlText(r.text, 'HostId');
    expect(requestId).to.be.a('string').with.length.greaterThan(0);
    expect(hostId).to.be.a('string').with.length.greaterThan(0);
    expect(r.headers['x-amz-request-id']).to.equal(requestId);
    expect(r.headers['x-amz-id-2']).to.equal(hostId);
  });

  it('Error_request_ids_are_unique_per_request', async () => {
    const a = await signedRequest(h, { path: `/${Bucket}/missing-key` });
    const b = await signedRequest(h, { path: `/${Bucket}/missing-key` });
    expect(xmlText(a.text, 'RequestId')).to.not.equal(xmlText(b.text, 'RequestId'));
  });

  it('Success_responses_carry_x_amz_request_id', async () => {
    const r = await signedRequest(h, { path: `/${Bucket}/exists` });
    expect(r.status).to.equal(200);
    expect(r.headers['x-amz-request-id']).to.be.a('string').with.length.greaterThan(0);
    expect(r.headers['x-amz-id-2']).to.be.a('string').with.length.greaterThan(0);
  });

  it('NoSuchBucket_error_names_the_bucket', async () => {
    const name = uniqueBucket('nope');
    const r = await signedRequest(h, { path: `/${name}/k` });
    expect(r.status).to.equal(404);
    expect(xmlText(r.text, 'Code')).to.equal('NoSuchBucket');
    expect(xmlText(r.text, 'Message')).to.equal('The specified bucket does not exist');
    expect(xmlText(r.text, 'BucketName')).to.equal(name);
  });

  it('HEAD_error_has_status_and_request_id_but_no_body', async () => {
    const r = await signedRequest(h, { method: 'HEAD', path: `/${Bucket}/missing-key` });
    expect(r.status).to.equal(404);
    expect(r.body.length).to.equal(0);
    expect(r.headers['x-amz-request-id']).to.be.a('string').with.length.greaterThan(0);
  });

  it('HEAD_on_missing_bucket_is_404_without_body', async () => {
    const r = await signedRequest(h, { method: 'HEAD', path: `/${uniqueBucket('nope')}` });
    expect(r.status).to.equal(404);
    expect(r.body.length).to.equal(0);
  });

  it('Anonymous_GET_is_403_AccessDenied_xml', async () => {
    const res = await fetch(`${h.emu.endpoint}/${Bucket}/exists`);
    expect(res.status).to.equal(403);
    const text = await res.text();
    expect(xmlText(text, 'Code')).to.equal('AccessDenied');
    expect(xmlText(text, 'RequestId')).to.equal(res.headers.get('x-amz-request-id'));
  });

  it('Unimplemented_subresource_is_501_NotImplemented', async () => {
    const r = await signedRequest(h, { path: `/${Bucket}?replication` });
    expect(r.status).to.equal(501);
    expect(xmlText(r.text, 'Code')).to.equal('NotImplemented');
  });

  it('Error_responses_do_not_leak_success_headers', async () => {
    const r = await signedRequest(h, { path: `/${Bucket}/exists`, headers: { 'If-Match': '"nope"' } });
    expect(r.status).to.equal(412);
    expect(r.headers['etag']).to.equal(undefined);
    expect(r.headers['content-type']).to.match(/^application\/xml/);
    expect(xmlText(r.text, 'Code')).to.equal('PreconditionFailed');
  });
});
