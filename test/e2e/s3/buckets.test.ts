import { expect } from 'chai';
import {
  CreateBucketCommand, DeleteBucketCommand, DeleteBucketTaggingCommand, GetBucketAclCommand, GetBucketCorsCommand,
  GetBucketLifecycleConfigurationCommand, GetBucketLocationCommand, GetBucketOwnershipControlsCommand, GetBucketPolicyCommand,
  GetBucketTaggingCommand, GetBucketVersioningCommand, GetBucketWebsiteCommand, GetPublicAccessBlockCommand, HeadBucketCommand,
  ListBucketsCommand, PutBucketPolicyCommand, PutBucketTaggingCommand, PutBucketVersioningCommand, PutObjectCommand,
  DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectVersionsCommand, type S3Client,
} from '@aws-sdk/client-s3';
import { bodyString, sdkError, signedRequest, startHarness, uniqueBucket, useEmulator, xmlText, type Harness } from '../support/e2e';
import { canonicalIdOf } from '../../../server/accounts';

describe('s3 e2e: buckets', () => {
  let h: Harness;
  let s3: S3Client;
  useEmulator((c) => { ({ h, s3 } = c); });

  async function newBucket(): Promise<string> {
    const Bucket = uniqueBucket('bk');
    await s3.send(new CreateBucketCommand({ Bucket }));
    return Bucket;
  }

  it('CreateBucket_valid_name_returns_200_with_Location', async () => {
    const Bucket = uniqueBucket('bk');
    const out = await s3.send(new CreateBucketCommand({ Bucket }));
    expect(out.$metadata.httpStatusCode).to.equal(200);
    expect(out.Location).to.equal(`/${Bucket}`);
  });

  for (const bad of ['ab', 'a'.repeat(64), 'Upper-case-bucket', 'under_score', '192.168.5.4', 'xn--bucket', 'bucket-s3alias', 'two..dots', '-leading-hyphen', 'trailing-hyphen-', 'sthree-bucket']) {
    it(`CreateBucket_invalid_name_${JSON.stringify(bad)}_is_400_InvalidBucketName`, async () => {
      // Sent raw so the SDK's own endpoint rules cannot refuse it first.
      const r = await signedRequest(h, { method: 'PUT', path: `/${bad}` });
      expect(r.status).to.equal(400);
      expect(xmlText(r.text, 'Code')).to.equal('InvalidBucketName');
      expect(xmlText(r.text, 'BucketName')).to.equal(bad);
    });
  }

  it('CreateBucket_again_by_owner_in_us_east_1_is_200', async () => {
    const Bucket = await newBucket();
    const again = await s3.send(new CreateBucketCommand({ Bucket }));
    expect(again.$metadata.httpStatusCode).to.equal(200);
  });

  it('CreateBucket_again_by_owner_outside_us_east_1_is_409_BucketAlreadyOwnedByYou', async () => {
    const eu = await startHarness({ region: 'eu-west-1' });
    try {
      const c = eu.s3({ region: 'eu-west-1' });
      const Bucket = uniqueBucket('eu');
      await c.send(new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
      const e = await sdkError(c.send(new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })));
      expect(e.name).to.equal('BucketAlreadyOwnedByYou');
      expect(e.status).to.equal(409);
      const loc = await c.send(new GetBucketLocationCommand({ Bucket }));
      expect(loc.LocationConstraint).to.equal('eu-west-1');
    } finally {
      await eu.emu.stop();
    }
  });

  it('CreateBucket_LocationConstraint_us_east_1_in_us_east_1_is_400_InvalidLocationConstraint', async () => {
    const e = await sdkError(s3.send(new CreateBucketCommand({ Bucket: uniqueBucket('bk'), CreateBucketConfiguration: { LocationConstraint: 'us-east-1' as never } })));
    expect(e.name).to.equal('InvalidLocationConstraint');
    expect(e.status).to.equal(400);
  });

  it('CreateBucket_public_read_acl_is_400_InvalidBucketAclWithObjectOwnership', async () => {
    const e = await sdkError(s3.send(new CreateBucketCommand({ Bucket: uniqueBucket('bk'), ACL: 'public-read' })));
    expect(e.name).to.equal('InvalidBucketAclWithObjectOwnership');
    expect(e.status).to.equal(400);
  });

  it('CreateBucket_private_acl_is_accepted', async () => {
    const Bucket = uniqueBucket('bk');
    const out = await s3.send(new CreateBucketCommand({ Bucket, ACL: 'private' }));
    expect(out.$metadata.httpStatusCode).to.equal(200);
  });

  it('HeadBucket_existing_is_200_with_region_header', async () => {
    const Bucket = await newBucket();
    const out = await s3.send(new HeadBucketCommand({ Bucket }));
    expect(out.$metadata.httpStatusCode).to.equal(200);
    expect(out.BucketRegion).to.equal('us-east-1');
  });

  it('HeadBucket_non_existing_bucket_is_404_without_body', async () => {
    const e = await sdkError(s3.send(new HeadBucketCommand({ Bucket: uniqueBucket('nope') })));
    expect(e.status).to.equal(404);
    expect(e.name).to.equal('NotFound');
    const r = await signedRequest(h, { method: 'HEAD', path: `/${uniqueBucket('nope')}` });
    expect(r.status).to.equal(404);
    expect(r.body.length).to.equal(0);
  });

  it('DeleteBucket_empty_is_204_and_then_gone', async () => {
    const Bucket = await newBucket();
    const out = await s3.send(new DeleteBucketCommand({ Bucket }));
    expect(out.$metadata.httpStatusCode).to.equal(204);
    expect((await sdkError(s3.send(new HeadBucketCommand({ Bucket })))).status).to.equal(404);
  });

  it('DeleteBucket_not_empty_is_409_BucketNotEmpty', async () => {
    const Bucket = await newBucket();
    await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }));
    const e = await sdkError(s3.send(new DeleteBucketCommand({ Bucket })));
    expect(e.name).to.equal('BucketNotEmpty');
    expect(e.status).to.equal(409);
  });

  it('DeleteBucket_with_only_noncurrent_versions_is_409_BucketNotEmpty', async () => {
    const Bucket = await newBucket();
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }));
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    const e = await sdkError(s3.send(new DeleteBucketCommand({ Bucket })));
    expect(e.name).to.equal('BucketNotEmpty');
  });

  it('DeleteBucket_non_existing_bucket_is_404_NoSuchBucket', async () => {
    const e = await sdkError(s3.send(new DeleteBucketCommand({ Bucket: uniqueBucket('nope') })));
    expect(e.name).to.equal('NoSuchBucket');
    expect(e.status).to.equal(404);
  });

  it('ListBuckets_lists_created_buckets_with_owner', async () => {
    const Bucket = await newBucket();
    const out = await s3.send(new ListBucketsCommand({}));
    const names = (out.Buckets ?? []).map((b) => b.Name);
    expect(names).to.include(Bucket);
    const mine = out.Buckets?.find((b) => b.Name === Bucket);
    expect(mine?.CreationDate).to.be.instanceOf(Date);
    expect(out.Owner?.ID).to.equal(canonicalIdOf('123456789012'));
    expect(out.Owner?.ID).to.match(/^[0-9a-f]{64}$/);
  });

  it('GetBucketLocation_us_east_1_is_empty_LocationConstraint', async () => {
    const Bucket = await newBucket();
    const out = await s3.send(new GetBucketLocationCommand({ Bucket }));
    expect(out.LocationConstraint ?? '').to.equal('');
    const r = await signedRequest(h, { path: `/${Bucket}?location` });
    expect(r.status).to.equal(200);
    expect(r.text).to.match(/<LocationConstraint[^>]*>\s*<\/LocationConstraint>|<LocationConstraint[^>]*\/>/);
  });

  it('GetBucketLocation_non_existing_bucket_is_404_NoSuchBucket', async () => {
    const e = await sdkError(s3.send(new GetBucketLocationCommand({ Bucket: uniqueBucket('nope') })));
    expect(e.name).to.equal('NoSuchBucket');
  });

  it('GetBucketVersioning_new_bucket_has_no_Status', async () => {
    const Bucket = await newBucket();
    const out = await s3.send(new GetBucketVersioningCommand({ Bucket }));
    expect(out.Status).to.equal(undefined);
    expect(out.MFADelete).to.equal(undefined);
  });

  it('PutBucketVersioning_enable_then_suspend_round_trips', async () => {
    const Bucket = await newBucket();
    const put = await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    expect(put.$metadata.httpStatusCode).to.equal(200);
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).to.equal('Enabled');
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended' } }));
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).to.equal('Suspended');
  });

  it('PutBucketVersioning_invalid_status_is_400_MalformedXML', async () => {
    const Bucket = await newBucket();
    const e = await sdkError(s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'On' as never } })));
    expect(e.status).to.equal(400);
    expect(e.name).to.equal('MalformedXML');
  });

  it('Versioning_suspended_writes_null_version_and_replaces_it', async () => {
    const Bucket = await newBucket();
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const v1 = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'enabled-1' }));
    expect(v1.VersionId).to.be.a('string').and.not.equal('null');
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended' } }));
    const n1 = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'null-1' }));
    expect(n1.VersionId).to.equal('null');
    const n2 = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'null-2' }));
    expect(n2.VersionId).to.equal('null');
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket }));
    const ids = (versions.Versions ?? []).map((v) => v.VersionId);
    expect(ids).to.have.members(['null', v1.VersionId]);
    expect(ids).to.have.length(2);
    const nullGet = await s3.send(new GetObjectCommand({ Bucket, Key: 'k', VersionId: 'null' }));
    expect(await bodyString(nullGet.Body)).to.equal('null-2');
    const old = await s3.send(new GetObjectCommand({ Bucket, Key: 'k', VersionId: v1.VersionId }));
    expect(await bodyString(old.Body)).to.equal('enabled-1');
  });

  it('Versioning_suspended_delete_creates_null_delete_marker', async () => {
    const Bucket = await newBucket();
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const v1 = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'a' }));
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended' } }));
    const del = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    expect(del.DeleteMarker).to.equal(true);
    expect(del.VersionId).to.equal('null');
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket }));
    expect((versions.DeleteMarkers ?? []).map((d) => d.VersionId)).to.deep.equal(['null']);
    expect((versions.Versions ?? []).map((d) => d.VersionId)).to.deep.equal([v1.VersionId]);
  });

  it('Unversioned_object_has_null_version_after_enabling', async () => {
    const Bucket = await newBucket();
    const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'before' }));
    expect(put.VersionId).to.equal(undefined);
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'k', VersionId: 'null' }));
    expect(head.ContentLength).to.equal(6);
    expect(head.VersionId).to.equal('null');
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket }));
    expect(versions.Versions?.[0]?.VersionId).to.equal('null');
  });

  it('GetBucketTagging_without_tags_is_404_NoSuchTagSet', async () => {
    const Bucket = await newBucket();
    const e = await sdkError(s3.send(new GetBucketTaggingCommand({ Bucket })));
    expect(e.name).to.equal('NoSuchTagSet');
    expect(e.status).to.equal(404);
  });

  it('PutBucketTagging_GetBucketTagging_DeleteBucketTagging_round_trip', async () => {
    const Bucket = await newBucket();
    const TagSet = [{ Key: 'env', Value: 'test' }, { Key: 'team', Value: 'sec' }];
    const put = await s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet } }));
    expect(put.$metadata.httpStatusCode).to.equal(204);
    const got = await s3.send(new GetBucketTaggingCommand({ Bucket }));
    expect(got.TagSet).to.deep.equal(TagSet);
    const del = await s3.send(new DeleteBucketTaggingCommand({ Bucket }));
    expect(del.$metadata.httpStatusCode).to.equal(204);
    expect((await sdkError(s3.send(new GetBucketTaggingCommand({ Bucket })))).name).to.equal('NoSuchTagSet');
  });

  it('PutBucketTagging_duplicate_keys_is_400_InvalidTag', async () => {
    const Bucket = await newBucket();
    const e = await sdkError(s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }] } })));
    expect(e.name).to.equal('InvalidTag');
    expect(e.status).to.equal(400);
  });

  it('PutBucketTagging_aws_prefixed_key_is_400_InvalidTag', async () => {
    const Bucket = await newBucket();
    const e = await sdkError(s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [{ Key: 'aws:x', Value: '1' }] } })));
    expect(e.name).to.equal('InvalidTag');
  });

  it('GetBucketAcl_owner_has_FULL_CONTROL', async () => {
    const Bucket = await newBucket();
    const out = await s3.send(new GetBucketAclCommand({ Bucket }));
    const owner = canonicalIdOf('123456789012');
    expect(out.Owner?.ID).to.equal(owner);
    expect(out.Grants).to.have.length(1);
    expect(out.Grants?.[0]?.Permission).to.equal('FULL_CONTROL');
    expect(out.Grants?.[0]?.Grantee?.Type).to.equal('CanonicalUser');
    expect(out.Grants?.[0]?.Grantee?.ID).to.equal(owner);
  });

  it('GetBucketCors_without_config_is_404_NoSuchCORSConfiguration', async () => {
    const Bucket = await newBucket();
    const e = await sdkError(s3.send(new GetBucketCorsCommand({ Bucket })));
    expect(e.name).to.equal('NoSuchCORSConfiguration');
    expect(e.status).to.equal(404);
  });

  it('GetBucketLifecycleConfiguration_without_config_is_404_NoSuchLifecycleConfiguration', async () => {
    const Bucket = await newBucket();
    const e = await sdkError(s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket })));
    expect(e.name).to.equal('NoSuchLifecycleConfiguration');
    expect(e.status).to.equal(404);
  });

  it('GetBucketPolicy_without_policy_is_404_NoSuchBucketPolicy', async () => {
    const Bucket = await newBucket();
    const e = await sdkError(s3.send(new GetBucketPolicyCommand({ Bucket })));
    expect(e.name).to.equal('NoSuchBucketPolicy');
    expect(e.status).to.equal(404);
  });

  it('GetBucketWebsite_without_config_is_404_NoSuchWebsiteConfiguration', async () => {
    const Bucket = await newBucket();
    const e = await sdkError(s3.send(new GetBucketWebsiteCommand({ Bucket })));
    expect(e.name).to.equal('NoSuchWebsiteConfiguration');
    expect(e.status).to.equal(404);
  });

  it('GetBucketCors_non_existing_bucket_is_404_NoSuchBucket', async () => {
    const e = await sdkError(s3.send(new GetBucketCorsCommand({ Bucket: uniqueBucket('nope') })));
    expect(e.name).to.equal('NoSuchBucket');
  });

  it('PutBucketPolicy_is_501_NotImplemented', async () => {
    const Bucket = await newBucket();
    const Policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${Bucket}/*` }] });
    const e = await sdkError(s3.send(new PutBucketPolicyCommand({ Bucket, Policy })));
    expect(e.status).to.equal(501);
    expect(e.name).to.equal('NotImplemented');
  });

  it('GetBucketOwnershipControls_new_bucket_is_BucketOwnerEnforced', async () => {
    const Bucket = await newBucket();
    const out = await s3.send(new GetBucketOwnershipControlsCommand({ Bucket }));
    expect(out.OwnershipControls?.Rules?.[0]?.ObjectOwnership).to.equal('BucketOwnerEnforced');
  });

  it('GetBucketOwnershipControls_ObjectWriter_when_requested_at_create', async () => {
    const Bucket = uniqueBucket('bk');
    await s3.send(new CreateBucketCommand({ Bucket, ObjectOwnership: 'ObjectWriter' }));
    const out = await s3.send(new GetBucketOwnershipControlsCommand({ Bucket }));
    expect(out.OwnershipControls?.Rules?.[0]?.ObjectOwnership).to.equal('ObjectWriter');
  });

  it('GetPublicAccessBlock_new_bucket_blocks_everything', async () => {
    const Bucket = await newBucket();
    const out = await s3.send(new GetPublicAccessBlockCommand({ Bucket }));
    expect(out.PublicAccessBlockConfiguration).to.deep.equal({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
  });

  it('Bucket_operation_on_non_existing_bucket_is_404_NoSuchBucket_with_BucketName', async () => {
    const name = uniqueBucket('nope');
    const r = await signedRequest(h, { path: `/${name}?versioning` });
    expect(r.status).to.equal(404);
    expect(xmlText(r.text, 'Code')).to.equal('NoSuchBucket');
    expect(xmlText(r.text, 'BucketName')).to.equal(name);
  });

  it('ListBuckets_max_buckets_paginates_with_continuation_token', async () => {
    const a = await newBucket();
    const b = await newBucket();
    const first = await s3.send(new ListBucketsCommand({ MaxBuckets: 1 }));
    expect(first.Buckets).to.have.length(1);
    expect(first.ContinuationToken).to.be.a('string');
    const names: string[] = [...(first.Buckets ?? []).map((x) => x.Name!)];
    let token = first.ContinuationToken;
    for (let i = 0; token && i < 200; i++) {
      const page = await s3.send(new ListBucketsCommand({ MaxBuckets: 1, ContinuationToken: token }));
      names.push(...(page.Buckets ?? []).map((x) => x.Name!));
      token = page.ContinuationToken;
    }
    expect(names).to.include.members([a, b]);
    expect(new Set(names).size).to.equal(names.length);
  });

  it('ListBuckets_prefix_filters', async () => {
    const Bucket = await newBucket();
    const out = await s3.send(new ListBucketsCommand({ Prefix: Bucket }));
    expect((out.Buckets ?? []).map((x) => x.Name)).to.deep.equal([Bucket]);
    expect(out.Prefix).to.equal(Bucket);
  });

  it('HeadBucket_ExpectedBucketOwner_mismatch_is_403', async () => {
    const Bucket = await newBucket();
    const e = await sdkError(s3.send(new HeadBucketCommand({ Bucket, ExpectedBucketOwner: '111122223333' })));
    expect(e.status).to.equal(403);
  });

  it('CreateBucket_invalid_object_ownership_is_400_InvalidArgument', async () => {
    const e = await sdkError(s3.send(new CreateBucketCommand({ Bucket: uniqueBucket('bk'), ObjectOwnership: 'Nobody' as never })));
    expect(e.name).to.equal('InvalidArgument');
    expect(e.status).to.equal(400);
  });
});
