import { expect } from 'chai';
import {
  CreateBucketCommand, DeleteObjectTaggingCommand, GetObjectCommand, GetObjectTaggingCommand, HeadObjectCommand,
  PutBucketVersioningCommand, PutObjectCommand, PutObjectTaggingCommand, type S3Client, type Tag,
} from '@aws-sdk/client-s3';
import { sdkError, uniqueBucket, withBucket } from '../support/e2e';

describe('s3 e2e: object tagging', () => {
  let s3: S3Client;
  let Bucket: string;

  withBucket('tag', (c) => { ({ s3, Bucket } = c); });

  const put = (Key: string, extra: Record<string, unknown> = {}) => s3.send(new PutObjectCommand({ Bucket, Key, Body: 'x', ...extra }));
  const tags = (n: number): Tag[] => Array.from({ length: n }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` }));

  it('PutObject_tagging_header_is_stored', async () => {
    await put('hdr', { Tagging: 'project=alpha&owner=sec%20team&empty=' });
    const out = await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'hdr' }));
    expect(out.TagSet).to.deep.equal([{ Key: 'project', Value: 'alpha' }, { Key: 'owner', Value: 'sec team' }, { Key: 'empty', Value: '' }]);
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'hdr' }));
    expect(head.$metadata.httpStatusCode).to.equal(200);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'hdr' }));
    expect(got.TagCount).to.equal(3);
  });

  it('GetObjectTagging_without_tags_is_empty_TagSet', async () => {
    await put('none');
    const out = await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'none' }));
    expect(out.TagSet ?? []).to.deep.equal([]);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'none' }));
    expect(got.TagCount).to.equal(undefined);
  });

  it('PutObjectTagging_replaces_tag_set', async () => {
    await put('api', { Tagging: 'old=1' });
    const res = await s3.send(new PutObjectTaggingCommand({ Bucket, Key: 'api', Tagging: { TagSet: [{ Key: 'new', Value: '2' }] } }));
    expect(res.$metadata.httpStatusCode).to.equal(200);
    const out = await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'api' }));
    expect(out.TagSet).to.deep.equal([{ Key: 'new', Value: '2' }]);
  });

  it('DeleteObjectTagging_is_204_and_clears', async () => {
    await put('deltags', { Tagging: 'a=1' });
    const res = await s3.send(new DeleteObjectTaggingCommand({ Bucket, Key: 'deltags' }));
    expect(res.$metadata.httpStatusCode).to.equal(204);
    const out = await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'deltags' }));
    expect(out.TagSet ?? []).to.deep.equal([]);
  });

  it('PutObjectTagging_ten_tags_is_accepted', async () => {
    await put('ten');
    await s3.send(new PutObjectTaggingCommand({ Bucket, Key: 'ten', Tagging: { TagSet: tags(10) } }));
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'ten' }))).TagSet).to.have.length(10);
  });

  it('PutObjectTagging_eleven_tags_is_400_BadRequest', async () => {
    await put('eleven');
    const e = await sdkError(s3.send(new PutObjectTaggingCommand({ Bucket, Key: 'eleven', Tagging: { TagSet: tags(11) } })));
    expect(e.status).to.equal(400);
    // AWS: <Code>BadRequest</Code><Message>Object tags cannot be greater than 10</Message>
    expect(e.name).to.equal('BadRequest');
    expect(e.message).to.equal('Object tags cannot be greater than 10');
  });

  it('PutObject_tagging_header_eleven_tags_is_400', async () => {
    const header = tags(11).map((t) => `${t.Key}=${t.Value}`).join('&');
    const e = await sdkError(put('hdr-eleven', { Tagging: header }));
    expect(e.status).to.equal(400);
    expect((await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key: 'hdr-eleven' })))).status).to.equal(404);
  });

  it('PutObjectTagging_duplicate_key_is_400_InvalidTag', async () => {
    await put('dup');
    const e = await sdkError(s3.send(new PutObjectTaggingCommand({ Bucket, Key: 'dup', Tagging: { TagSet: [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }] } })));
    expect(e.name).to.equal('InvalidTag');
    expect(e.status).to.equal(400);
  });

  it('PutObjectTagging_key_longer_than_128_is_400_InvalidTag', async () => {
    await put('longkey');
    const e = await sdkError(s3.send(new PutObjectTaggingCommand({ Bucket, Key: 'longkey', Tagging: { TagSet: [{ Key: 'k'.repeat(129), Value: 'v' }] } })));
    expect(e.name).to.equal('InvalidTag');
  });

  it('PutObjectTagging_value_longer_than_256_is_400_InvalidTag', async () => {
    await put('longval');
    const e = await sdkError(s3.send(new PutObjectTaggingCommand({ Bucket, Key: 'longval', Tagging: { TagSet: [{ Key: 'k', Value: 'v'.repeat(257) }] } })));
    expect(e.name).to.equal('InvalidTag');
  });

  it('PutObjectTagging_aws_prefix_is_400_InvalidTag', async () => {
    await put('awsprefix');
    const e = await sdkError(s3.send(new PutObjectTaggingCommand({ Bucket, Key: 'awsprefix', Tagging: { TagSet: [{ Key: 'aws:createdBy', Value: 'me' }] } })));
    expect(e.name).to.equal('InvalidTag');
  });

  it('PutObject_tagging_header_duplicate_key_is_400_InvalidTag', async () => {
    const e = await sdkError(put('hdr-dup', { Tagging: 'a=1&a=2' }));
    expect(e.status).to.equal(400);
    expect(e.name).to.equal('InvalidTag');
  });

  it('PutObject_tagging_header_aws_prefix_is_400_InvalidTag', async () => {
    const e = await sdkError(put('hdr-aws', { Tagging: 'aws%3Ax=1' }));
    expect(e.name).to.equal('InvalidTag');
  });

  it('GetObjectTagging_missing_key_is_404_NoSuchKey', async () => {
    const e = await sdkError(s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'missing' })));
    expect(e.name).to.equal('NoSuchKey');
  });

  it('PutObjectTagging_missing_key_is_404_NoSuchKey', async () => {
    const e = await sdkError(s3.send(new PutObjectTaggingCommand({ Bucket, Key: 'missing', Tagging: { TagSet: [{ Key: 'a', Value: 'b' }] } })));
    expect(e.name).to.equal('NoSuchKey');
  });

  it('ObjectTagging_by_versionId_targets_that_version', async () => {
    const vb = uniqueBucket('tagv');
    await s3.send(new CreateBucketCommand({ Bucket: vb }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: vb, VersioningConfiguration: { Status: 'Enabled' } }));
    const v1 = await s3.send(new PutObjectCommand({ Bucket: vb, Key: 'k', Body: '1', Tagging: 'gen=1' }));
    const v2 = await s3.send(new PutObjectCommand({ Bucket: vb, Key: 'k', Body: '2', Tagging: 'gen=2' }));
    const t1 = await s3.send(new GetObjectTaggingCommand({ Bucket: vb, Key: 'k', VersionId: v1.VersionId }));
    expect(t1.TagSet).to.deep.equal([{ Key: 'gen', Value: '1' }]);
    expect(t1.VersionId).to.equal(v1.VersionId);
    const put1 = await s3.send(new PutObjectTaggingCommand({ Bucket: vb, Key: 'k', VersionId: v1.VersionId, Tagging: { TagSet: [{ Key: 'gen', Value: 'one' }] } }));
    expect(put1.VersionId).to.equal(v1.VersionId);
    const latest = await s3.send(new GetObjectTaggingCommand({ Bucket: vb, Key: 'k' }));
    expect(latest.TagSet).to.deep.equal([{ Key: 'gen', Value: '2' }]);
    expect(latest.VersionId).to.equal(v2.VersionId);
  });
});
