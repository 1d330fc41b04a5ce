import { expect } from 'chai';
import {
  CopyObjectCommand, CreateBucketCommand, GetObjectCommand, GetObjectTaggingCommand, HeadObjectCommand, PutBucketVersioningCommand,
  PutObjectCommand, type S3Client,
} from '@aws-sdk/client-s3';
import { bodyString, sdkError, uniqueBucket, withBucket } from '../support/e2e';

describe('s3 e2e: CopyObject', () => {
  let s3: S3Client;
  let Bucket: string;
  let Other: string;
  let srcEtag: string;
  let srcModified: Date;
  const day = 24 * 3600 * 1000;

  withBucket('cp', async (c) => {
    ({ s3, Bucket } = c);
    Other = uniqueBucket('cp2');
    await s3.send(new CreateBucketCommand({ Bucket: Other }));
    const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'src', Body: 'source body', ContentType: 'text/plain', Metadata: { origin: 'src' }, Tagging: 'k=v' }));
    srcEtag = put.ETag!;
    srcModified = (await s3.send(new HeadObjectCommand({ Bucket, Key: 'src' }))).LastModified!;
  });

  it('CopyObject_default_COPY_keeps_metadata_and_tags', async () => {
    const out = await s3.send(new CopyObjectCommand({ Bucket: Other, Key: 'dst', CopySource: `${Bucket}/src` }));
    expect(out.CopyObjectResult?.ETag).to.equal(srcEtag);
    expect(out.CopyObjectResult?.LastModified).to.be.instanceOf(Date);
    const got = await s3.send(new GetObjectCommand({ Bucket: Other, Key: 'dst' }));
    expect(await bodyString(got.Body)).to.equal('source body');
    expect(got.ContentType).to.equal('text/plain');
    expect(got.Metadata).to.deep.equal({ origin: 'src' });
    const tags = await s3.send(new GetObjectTaggingCommand({ Bucket: Other, Key: 'dst' }));
    expect(tags.TagSet).to.deep.equal([{ Key: 'k', Value: 'v' }]);
  });

  it('CopyObject_REPLACE_uses_new_metadata', async () => {
    await s3.send(new CopyObjectCommand({
      Bucket, Key: 'dst-replace', CopySource: `${Bucket}/src`, MetadataDirective: 'REPLACE',
      ContentType: 'application/json', Metadata: { fresh: 'yes' },
    }));
    const got = await s3.send(new HeadObjectCommand({ Bucket, Key: 'dst-replace' }));
    expect(got.ContentType).to.equal('application/json');
    expect(got.Metadata).to.deep.equal({ fresh: 'yes' });
  });

  it('CopyObject_TaggingDirective_REPLACE_uses_new_tags', async () => {
    await s3.send(new CopyObjectCommand({ Bucket, Key: 'dst-tags', CopySource: `${Bucket}/src`, TaggingDirective: 'REPLACE', Tagging: 'a=1&b=2' }));
    const tags = await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'dst-tags' }));
    expect(tags.TagSet).to.deep.equal([{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }]);
  });

  it('CopyObject_to_itself_without_change_is_400_InvalidRequest', async () => {
    const e = await sdkError(s3.send(new CopyObjectCommand({ Bucket, Key: 'src', CopySource: `${Bucket}/src` })));
    expect(e.name).to.equal('InvalidRequest');
    expect(e.status).to.equal(400);
    expect(e.message).to.contain('copy an object to itself without changing');
  });

  it('CopyObject_to_itself_with_REPLACE_is_allowed', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'self', Body: 'self body', Metadata: { v: '1' } }));
    await s3.send(new CopyObjectCommand({ Bucket, Key: 'self', CopySource: `${Bucket}/self`, MetadataDirective: 'REPLACE', Metadata: { v: '2' } }));
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'self' }));
    expect(got.Metadata).to.deep.equal({ v: '2' });
    expect(await bodyString(got.Body)).to.equal('self body');
  });

  it('CopyObject_missing_source_key_is_404_NoSuchKey', async () => {
    const e = await sdkError(s3.send(new CopyObjectCommand({ Bucket, Key: 'x', CopySource: `${Bucket}/missing` })));
    expect(e.name).to.equal('NoSuchKey');
    expect(e.status).to.equal(404);
  });

  it('CopyObject_missing_source_bucket_is_404_NoSuchBucket', async () => {
    const e = await sdkError(s3.send(new CopyObjectCommand({ Bucket, Key: 'x', CopySource: `${uniqueBucket('nope')}/src` })));
    expect(e.name).to.equal('NoSuchBucket');
  });

  it('CopyObject_invalid_metadata_directive_is_400_InvalidArgument', async () => {
    const e = await sdkError(s3.send(new CopyObjectCommand({ Bucket, Key: 'x', CopySource: `${Bucket}/src`, MetadataDirective: 'MOVE' as never })));
    expect(e.name).to.equal('InvalidArgument');
    expect(e.status).to.equal(400);
  });

  it('CopyObject_CopySourceIfMatch_wrong_is_412', async () => {
    const e = await sdkError(s3.send(new CopyObjectCommand({ Bucket, Key: 'c1', CopySource: `${Bucket}/src`, CopySourceIfMatch: '"nope"' })));
    expect(e.name).to.equal('PreconditionFailed');
    expect(e.status).to.equal(412);
    expect((await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key: 'c1' })))).status).to.equal(404);
  });

  it('CopyObject_CopySourceIfMatch_right_is_200', async () => {
    const out = await s3.send(new CopyObjectCommand({ Bucket, Key: 'c2', CopySource: `${Bucket}/src`, CopySourceIfMatch: srcEtag }));
    expect(out.CopyObjectResult?.ETag).to.equal(srcEtag);
  });

  it('CopyObject_CopySourceIfNoneMatch_matching_is_412', async () => {
    const e = await sdkError(s3.send(new CopyObjectCommand({ Bucket, Key: 'c3', CopySource: `${Bucket}/src`, CopySourceIfNoneMatch: srcEtag })));
    expect(e.status).to.equal(412);
    expect(e.name).to.equal('PreconditionFailed');
  });

  it('CopyObject_CopySourceIfUnmodifiedSince_past_is_412', async () => {
    const e = await sdkError(s3.send(new CopyObjectCommand({ Bucket, Key: 'c4', CopySource: `${Bucket}/src`, CopySourceIfUnmodifiedSince: new Date(srcModified.getTime() - day) })));
    expect(e.status).to.equal(412);
  });

  it('CopyObject_CopySourceIfModifiedSince_future_is_412', async () => {
    const e = await sdkError(s3.send(new CopyObjectCommand({ Bucket, Key: 'c5', CopySource: `${Bucket}/src`, CopySourceIfModifiedSince: new Date(srcModified.getTime() + day) })));
    expect(e.status).to.equal(412);
  });

  it('CopyObject_CopySourceIfMatch_true_and_IfUnmodifiedSince_false_is_200', async () => {
    const out = await s3.send(new CopyObjectCommand({ Bucket, Key: 'c6', CopySource: `${Bucket}/src`, CopySourceIfMatch: srcEtag, CopySourceIfUnmodifiedSince: new Date(srcModified.getTime() - day) }));
    expect(out.$metadata.httpStatusCode).to.equal(200);
  });

  it('CopyObject_from_versionId_copies_that_version', async () => {
    const vb = uniqueBucket('cpv');
    await s3.send(new CreateBucketCommand({ Bucket: vb }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: vb, VersioningConfiguration: { Status: 'Enabled' } }));
    const v1 = await s3.send(new PutObjectCommand({ Bucket: vb, Key: 'k', Body: 'version one' }));
    await s3.send(new PutObjectCommand({ Bucket: vb, Key: 'k', Body: 'version two' }));
    const out = await s3.send(new CopyObjectCommand({ Bucket: vb, Key: 'copy', CopySource: `${vb}/k?versionId=${encodeURIComponent(v1.VersionId!)}` }));
    expect(out.CopySourceVersionId).to.equal(v1.VersionId);
    expect(out.VersionId).to.be.a('string').and.not.equal(v1.VersionId);
    const got = await s3.send(new GetObjectCommand({ Bucket: vb, Key: 'copy' }));
    expect(await bodyString(got.Body)).to.equal('version one');
  });

  it('CopyObject_key_with_special_characters_in_source', async () => {
    const key = 'dir one/ünï + 100%.txt';
    await s3.send(new PutObjectCommand({ Bucket, Key: key, Body: 'special' }));
    const CopySource = `${Bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
    await s3.send(new CopyObjectCommand({ Bucket, Key: 'special-copy', CopySource }));
    expect(await bodyString((await s3.send(new GetObjectCommand({ Bucket, Key: 'special-copy' }))).Body)).to.equal('special');
  });

  it('CopyObject_public_read_acl_is_400_AccessControlListNotSupported', async () => {
    const e = await sdkError(s3.send(new CopyObjectCommand({ Bucket, Key: 'c-acl', CopySource: `${Bucket}/src`, ACL: 'public-read' })));
    expect(e.name).to.equal('AccessControlListNotSupported');
  });
});
