import { expect } from 'chai';
import {
  CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutBucketVersioningCommand, PutObjectCommand,
  ListObjectVersionsCommand, type S3Client,
} from '@aws-sdk/client-s3';
import { bodyString, sdkError, signedRequest, uniqueBucket, withBucket, xmlText, type Harness } from '../support/e2e';

describe('s3 e2e: versioning', () => {
  let h: Harness;
  let s3: S3Client;
  let Bucket: string;

  withBucket('ver', async (c) => {
    ({ h, s3, Bucket } = c);
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  });

  it('PutObject_versioned_returns_distinct_version_ids', async () => {
    const a = await s3.send(new PutObjectCommand({ Bucket, Key: 'ids', Body: '1' }));
    const b = await s3.send(new PutObjectCommand({ Bucket, Key: 'ids', Body: '2' }));
    expect(a.VersionId).to.be.a('string').with.length.greaterThan(0);
    expect(b.VersionId).to.be.a('string');
    expect(a.VersionId).to.not.equal(b.VersionId);
    expect(a.VersionId).to.not.equal('null');
  });

  it('GetObject_and_HeadObject_by_versionId_return_that_version', async () => {
    const a = await s3.send(new PutObjectCommand({ Bucket, Key: 'byid', Body: 'first' }));
    const b = await s3.send(new PutObjectCommand({ Bucket, Key: 'byid', Body: 'second' }));
    const ga = await s3.send(new GetObjectCommand({ Bucket, Key: 'byid', VersionId: a.VersionId }));
    expect(await bodyString(ga.Body)).to.equal('first');
    expect(ga.VersionId).to.equal(a.VersionId);
    const latest = await s3.send(new GetObjectCommand({ Bucket, Key: 'byid' }));
    expect(await bodyString(latest.Body)).to.equal('second');
    expect(latest.VersionId).to.equal(b.VersionId);
    const ha = await s3.send(new HeadObjectCommand({ Bucket, Key: 'byid', VersionId: a.VersionId }));
    expect(ha.ContentLength).to.equal(5);
    expect(ha.VersionId).to.equal(a.VersionId);
  });

  it('GetObject_versionId_of_another_key_is_404_NoSuchVersion', async () => {
    const other = await s3.send(new PutObjectCommand({ Bucket, Key: 'other-key', Body: 'x' }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'this-key', Body: 'y' }));
    const e = await sdkError(s3.send(new GetObjectCommand({ Bucket, Key: 'this-key', VersionId: other.VersionId })));
    expect(e.name).to.equal('NoSuchVersion');
    expect(e.status).to.equal(404);
  });

  it('DeleteObject_versioned_creates_delete_marker', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'dm', Body: 'alive' }));
    const del = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'dm' }));
    expect(del.$metadata.httpStatusCode).to.equal(204);
    expect(del.DeleteMarker).to.equal(true);
    expect(del.VersionId).to.be.a('string').and.not.equal(put.VersionId);
    // The data version is still there.
    const old = await s3.send(new GetObjectCommand({ Bucket, Key: 'dm', VersionId: put.VersionId }));
    expect(await bodyString(old.Body)).to.equal('alive');
  });

  it('GetObject_latest_delete_marker_is_404_with_x_amz_delete_marker', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'dm404', Body: 'x' }));
    const del = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'dm404' }));
    const e = await sdkError(s3.send(new GetObjectCommand({ Bucket, Key: 'dm404' })));
    expect(e.name).to.equal('NoSuchKey');
    expect(e.status).to.equal(404);
    const r = await signedRequest(h, { path: `/${Bucket}/dm404` });
    expect(r.status).to.equal(404);
    expect(xmlText(r.text, 'Code')).to.equal('NoSuchKey');
    expect(r.headers['x-amz-delete-marker']).to.equal('true');
    expect(r.headers['x-amz-version-id']).to.equal(del.VersionId);
    const hd = await signedRequest(h, { method: 'HEAD', path: `/${Bucket}/dm404` });
    expect(hd.status).to.equal(404);
    expect(hd.headers['x-amz-delete-marker']).to.equal('true');
  });

  it('GetObject_delete_marker_by_versionId_is_405_MethodNotAllowed', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'dm405', Body: 'x' }));
    const del = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'dm405' }));
    const e = await sdkError(s3.send(new GetObjectCommand({ Bucket, Key: 'dm405', VersionId: del.VersionId })));
    expect(e.status).to.equal(405);
    expect(e.name).to.equal('MethodNotAllowed');
    const r = await signedRequest(h, { path: `/${Bucket}/dm405?versionId=${encodeURIComponent(del.VersionId!)}` });
    expect(r.status).to.equal(405);
    expect(xmlText(r.text, 'Code')).to.equal('MethodNotAllowed');
    expect(r.headers['x-amz-delete-marker']).to.equal('true');
    expect(r.headers['last-modified']).to.be.a('string');
  });

  it('HeadObject_delete_marker_by_versionId_is_405', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'dm405h', Body: 'x' }));
    const del = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'dm405h' }));
    const e = await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key: 'dm405h', VersionId: del.VersionId })));
    expect(e.status).to.equal(405);
    const r = await signedRequest(h, { method: 'HEAD', path: `/${Bucket}/dm405h?versionId=${encodeURIComponent(del.VersionId!)}` });
    expect(r.headers['x-amz-delete-marker']).to.equal('true');
    expect(r.body.length).to.equal(0);
  });

  it('DeleteObject_by_versionId_permanently_removes_version', async () => {
    const a = await s3.send(new PutObjectCommand({ Bucket, Key: 'perm', Body: 'a' }));
    const b = await s3.send(new PutObjectCommand({ Bucket, Key: 'perm', Body: 'bb' }));
    const del = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'perm', VersionId: b.VersionId }));
    expect(del.VersionId).to.equal(b.VersionId);
    expect(del.DeleteMarker).to.equal(undefined);
    const e = await sdkError(s3.send(new GetObjectCommand({ Bucket, Key: 'perm', VersionId: b.VersionId })));
    expect(e.name).to.equal('NoSuchVersion');
    // The previous version becomes current again.
    const cur = await s3.send(new GetObjectCommand({ Bucket, Key: 'perm' }));
    expect(cur.VersionId).to.equal(a.VersionId);
    expect(await bodyString(cur.Body)).to.equal('a');
  });

  it('DeleteObject_delete_marker_by_versionId_restores_object', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'undelete', Body: 'back' }));
    const dm = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'undelete' }));
    const del = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'undelete', VersionId: dm.VersionId }));
    expect(del.DeleteMarker).to.equal(true);
    expect(del.VersionId).to.equal(dm.VersionId);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'undelete' }));
    expect(await bodyString(got.Body)).to.equal('back');
  });

  it('DeleteObject_on_delete_marker_adds_another_marker', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'twice', Body: 'x' }));
    const d1 = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'twice' }));
    const d2 = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'twice' }));
    expect(d2.DeleteMarker).to.equal(true);
    expect(d2.VersionId).to.not.equal(d1.VersionId);
    const list = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix: 'twice' }));
    expect((list.DeleteMarkers ?? []).length).to.equal(2);
  });

  it('GetObject_versionId_null_on_unversioned_bucket_returns_object', async () => {
    const plain = uniqueBucket('unv');
    await s3.send(new CreateBucketCommand({ Bucket: plain }));
    await s3.send(new PutObjectCommand({ Bucket: plain, Key: 'k', Body: 'plain' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: plain, Key: 'k', VersionId: 'null' }));
    expect(await bodyString(got.Body)).to.equal('plain');
    const plainGet = await s3.send(new GetObjectCommand({ Bucket: plain, Key: 'k' }));
    expect(plainGet.VersionId).to.equal(undefined);
  });

  it('GetObject_malformed_versionId_is_400_InvalidArgument', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'badid', Body: 'x' }));
    const e = await sdkError(s3.send(new GetObjectCommand({ Bucket, Key: 'badid', VersionId: 'not a real version id' })));
    expect(e.status).to.equal(400);
    expect(e.name).to.equal('InvalidArgument');
  });
});
