import { expect } from 'chai';
import {
  CreateBucketCommand, DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, ListObjectVersionsCommand,
  PutBucketVersioningCommand, PutObjectCommand, type S3Client,
} from '@aws-sdk/client-s3';
import { sdkError, signedRequest, uniqueBucket, useEmulator, xmlText, type Harness } from '../support/e2e';
import { createHash } from 'node:crypto';

describe('s3 e2e: DeleteObjects', () => {
  let h: Harness;
  let s3: S3Client;

  useEmulator((c) => { ({ h, s3 } = c); });

  async function bucketWith(keys: string[], versioned = false): Promise<string> {
    const Bucket = uniqueBucket('do');
    await s3.send(new CreateBucketCommand({ Bucket }));
    if (versioned) await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }));
    return Bucket;
  }

  it('DeleteObjects_verbose_lists_every_deleted_key', async () => {
    const Bucket = await bucketWith(['a', 'b', 'c']);
    const out = await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'a' }, { Key: 'b' }, { Key: 'never-existed' }] } }));
    expect((out.Deleted ?? []).map((d) => d.Key)).to.have.members(['a', 'b', 'never-existed']);
    expect(out.Errors ?? []).to.have.length(0);
    const left = await s3.send(new ListObjectsV2Command({ Bucket }));
    expect(left.Contents?.map((c) => c.Key)).to.deep.equal(['c']);
  });

  it('DeleteObjects_quiet_returns_no_Deleted_entries', async () => {
    const Bucket = await bucketWith(['a', 'b']);
    const out = await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Quiet: true, Objects: [{ Key: 'a' }, { Key: 'b' }] } }));
    expect(out.Deleted ?? []).to.have.length(0);
    expect(out.Errors ?? []).to.have.length(0);
    expect((await s3.send(new ListObjectsV2Command({ Bucket }))).KeyCount).to.equal(0);
  });

  it('DeleteObjects_versioned_creates_delete_markers', async () => {
    const Bucket = await bucketWith(['a'], true);
    const out = await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'a' }] } }));
    expect(out.Deleted?.[0]?.DeleteMarker).to.equal(true);
    expect(out.Deleted?.[0]?.DeleteMarkerVersionId).to.be.a('string');
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket }));
    expect(versions.DeleteMarkers?.[0]?.VersionId).to.equal(out.Deleted?.[0]?.DeleteMarkerVersionId);
  });

  it('DeleteObjects_by_version_id_removes_that_version', async () => {
    const Bucket = await bucketWith([], true);
    const v1 = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: '1' }));
    const v2 = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: '2' }));
    const out = await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'k', VersionId: v2.VersionId }] } }));
    expect(out.Deleted?.[0]?.VersionId).to.equal(v2.VersionId);
    const cur = await s3.send(new GetObjectCommand({ Bucket, Key: 'k' }));
    expect(cur.VersionId).to.equal(v1.VersionId);
  });

  it('DeleteObjects_without_content_md5_or_checksum_is_400_InvalidRequest', async () => {
    const Bucket = await bucketWith(['a']);
    const xml = '<Delete><Object><Key>a</Key></Object></Delete>';
    const r = await signedRequest(h, { method: 'POST', path: `/${Bucket}?delete`, body: xml, headers: { 'Content-Type': 'application/xml' } });
    expect(r.status).to.equal(400);
    expect(xmlText(r.text, 'Code')).to.equal('InvalidRequest');
    const ok = await signedRequest(h, { method: 'POST', path: `/${Bucket}?delete`, body: xml, headers: { 'Content-Type': 'application/xml', 'Content-MD5': createHash('md5').update(xml).digest('base64') } });
    expect(ok.status).to.equal(200);
    expect(xmlText(ok.text, 'Key')).to.equal('a');
  });

  it('DeleteObjects_malformed_xml_is_400_MalformedXML', async () => {
    const Bucket = await bucketWith([]);
    const xml = '<Delete><Object><Key>a</Key></Object>';
    const r = await signedRequest(h, { method: 'POST', path: `/${Bucket}?delete`, body: xml, headers: { 'Content-MD5': createHash('md5').update(xml).digest('base64') } });
    expect(r.status).to.equal(400);
    expect(xmlText(r.text, 'Code')).to.equal('MalformedXML');
  });

  it('DeleteObjects_more_than_1000_keys_is_400_MalformedXML', async () => {
    const Bucket = await bucketWith([]);
    const e = await sdkError(s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: Array.from({ length: 1001 }, (_, i) => ({ Key: `k${i}` })) } })));
    expect(e.status).to.equal(400);
    expect(e.name).to.equal('MalformedXML');
  });

  it('DeleteObjects_non_existing_bucket_is_404_NoSuchBucket', async () => {
    const e = await sdkError(s3.send(new DeleteObjectsCommand({ Bucket: uniqueBucket('nope'), Delete: { Objects: [{ Key: 'a' }] } })));
    expect(e.name).to.equal('NoSuchBucket');
  });
});
