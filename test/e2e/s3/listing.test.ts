import { expect } from 'chai';
import {
  CreateBucketCommand, DeleteObjectCommand, ListObjectsCommand, ListObjectsV2Command, ListObjectVersionsCommand,
  PutBucketVersioningCommand, PutObjectCommand, type S3Client, type ObjectVersion, type DeleteMarkerEntry,
} from '@aws-sdk/client-s3';
import { sdkError, signedRequest, uniqueBucket, withBucket, xmlAll, xmlText, type Harness } from '../support/e2e';
import { canonicalIdOf } from '../../../server/accounts';

const KEYS = ['a/1', 'a/2', 'a/b/3', 'b/1', 'c', 'd e/ü.txt', 'plus+key', '100%.csv', 'z😀'];
/** S3 lists in UTF-8 byte order. */
const SORTED = [...KEYS].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));

describe('s3 e2e: listing', () => {
  let h: Harness;
  let s3: S3Client;
  let Bucket: string;

  withBucket('ls', async (c) => {
    ({ h, s3, Bucket } = c);
    for (const Key of KEYS) await s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }));
  });

  it('ListObjectsV2_all_keys_in_utf8_order', async () => {
    const out = await s3.send(new ListObjectsV2Command({ Bucket }));
    expect(out.Contents?.map((c) => c.Key)).to.deep.equal(SORTED);
    expect(out.KeyCount).to.equal(KEYS.length);
    expect(out.IsTruncated).to.equal(false);
    expect(out.MaxKeys).to.equal(1000);
    expect(out.Name).to.equal(Bucket);
    const first = out.Contents?.find((c) => c.Key === 'c');
    expect(first?.Size).to.equal(1);
    expect(first?.StorageClass).to.equal('STANDARD');
    expect(first?.ETag).to.match(/^"[0-9a-f]{32}"$/);
    expect(first?.Owner).to.equal(undefined);
  });

  it('ListObjectsV2_prefix', async () => {
    const out = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'a/' }));
    expect(out.Contents?.map((c) => c.Key)).to.deep.equal(['a/1', 'a/2', 'a/b/3']);
    expect(out.Prefix).to.equal('a/');
  });

  it('ListObjectsV2_delimiter_groups_common_prefixes', async () => {
    const out = await s3.send(new ListObjectsV2Command({ Bucket, Delimiter: '/' }));
    expect(out.Contents?.map((c) => c.Key)).to.deep.equal(['100%.csv', 'c', 'plus+key', 'z😀']);
    expect(out.CommonPrefixes?.map((p) => p.Prefix)).to.deep.equal(['a/', 'b/', 'd e/']);
    expect(out.KeyCount).to.equal(7);
    expect(out.Delimiter).to.equal('/');
  });

  it('ListObjectsV2_prefix_and_delimiter', async () => {
    const out = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'a/', Delimiter: '/' }));
    expect(out.Contents?.map((c) => c.Key)).to.deep.equal(['a/1', 'a/2']);
    expect(out.CommonPrefixes?.map((p) => p.Prefix)).to.deep.equal(['a/b/']);
  });

  it('ListObjectsV2_max_keys_and_continuation_token_page_through_everything', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await s3.send(new ListObjectsV2Command({ Bucket, MaxKeys: 2, ContinuationToken: token }));
      pages += 1;
      expect(out.MaxKeys).to.equal(2);
      expect(out.Contents?.length ?? 0).to.be.at.most(2);
      expect(out.KeyCount).to.equal(out.Contents?.length ?? 0);
      if (token) expect(out.ContinuationToken).to.equal(token);
      seen.push(...(out.Contents ?? []).map((c) => c.Key!));
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
      if (out.IsTruncated) expect(out.NextContinuationToken).to.be.a('string');
      else expect(out.NextContinuationToken).to.equal(undefined);
    } while (token && pages < 20);
    expect(seen).to.deep.equal(SORTED);
    expect(pages).to.equal(Math.ceil(KEYS.length / 2));
  });

  it('ListObjectsV2_common_prefixes_count_toward_max_keys', async () => {
    const out = await s3.send(new ListObjectsV2Command({ Bucket, Delimiter: '/', MaxKeys: 2 }));
    expect(out.KeyCount).to.equal(2);
    expect(out.IsTruncated).to.equal(true);
    expect([...(out.Contents ?? []).map((c) => c.Key), ...(out.CommonPrefixes ?? []).map((p) => p.Prefix)]).to.deep.equal(['100%.csv', 'a/']);
    const next = await s3.send(new ListObjectsV2Command({ Bucket, Delimiter: '/', MaxKeys: 2, ContinuationToken: out.NextContinuationToken }));
    expect([...(next.CommonPrefixes ?? []).map((p) => p.Prefix), ...(next.Contents ?? []).map((c) => c.Key)]).to.have.members(['b/', 'c']);
  });

  it('ListObjectsV2_start_after', async () => {
    const out = await s3.send(new ListObjectsV2Command({ Bucket, StartAfter: 'b/1' }));
    expect(out.Contents?.map((c) => c.Key)).to.deep.equal(SORTED.filter((k) => Buffer.compare(Buffer.from(k), Buffer.from('b/1')) > 0));
    expect(out.StartAfter).to.equal('b/1');
  });

  it('ListObjectsV2_fetch_owner_returns_owner', async () => {
    const out = await s3.send(new ListObjectsV2Command({ Bucket, FetchOwner: true, MaxKeys: 1 }));
    expect(out.Contents?.[0]?.Owner?.ID).to.equal(canonicalIdOf('123456789012'));
  });

  it('ListObjectsV2_encoding_type_url_encodes_keys_and_prefixes', async () => {
    const r = await signedRequest(h, { path: `/${Bucket}?list-type=2&encoding-type=url&delimiter=%2F` });
    expect(r.status).to.equal(200);
    expect(xmlText(r.text, 'EncodingType')).to.equal('url');
    const keys = xmlAll(r.text, 'Key');
    expect(keys).to.include('plus%2Bkey');
    expect(keys).to.include('100%25.csv');
    expect(keys).to.include('z%F0%9F%98%80');
    const prefixes = xmlAll(r.text, 'Prefix');
    expect(prefixes).to.include('d+e/');
    const all = await signedRequest(h, { path: `/${Bucket}?list-type=2&encoding-type=url&prefix=d%20e%2F` });
    expect(xmlAll(all.text, 'Key')).to.deep.equal(['d+e/%C3%BC.txt']);
    expect(xmlText(all.text, 'Prefix')).to.equal('d+e/');
  });

  it('ListObjectsV2_encoding_type_invalid_is_400_InvalidArgument', async () => {
    const r = await signedRequest(h, { path: `/${Bucket}?list-type=2&encoding-type=base64` });
    expect(r.status).to.equal(400);
    expect(xmlText(r.text, 'Code')).to.equal('InvalidArgument');
  });

  it('ListObjectsV2_invalid_continuation_token_is_400_InvalidArgument', async () => {
    const e = await sdkError(s3.send(new ListObjectsV2Command({ Bucket, ContinuationToken: '!!!not-a-token!!!' })));
    expect(e.name).to.equal('InvalidArgument');
    expect(e.status).to.equal(400);
  });

  it('ListObjectsV2_negative_max_keys_is_400_InvalidArgument', async () => {
    const r = await signedRequest(h, { path: `/${Bucket}?list-type=2&max-keys=-1` });
    expect(r.status).to.equal(400);
    expect(xmlText(r.text, 'Code')).to.equal('InvalidArgument');
  });

  it('ListObjectsV2_non_existing_bucket_is_404_NoSuchBucket', async () => {
    const e = await sdkError(s3.send(new ListObjectsV2Command({ Bucket: uniqueBucket('nope') })));
    expect(e.name).to.equal('NoSuchBucket');
    expect(e.status).to.equal(404);
  });

  it('ListObjects_v1_marker_skips_keys', async () => {
    const out = await s3.send(new ListObjectsCommand({ Bucket, Marker: 'a/2' }));
    expect(out.Contents?.map((c) => c.Key)).to.deep.equal(SORTED.filter((k) => Buffer.compare(Buffer.from(k), Buffer.from('a/2')) > 0));
    expect(out.Marker).to.equal('a/2');
    expect(out.Contents?.[0]?.Owner?.ID).to.equal(canonicalIdOf('123456789012'));
  });

  it('ListObjects_v1_truncated_without_delimiter_has_no_NextMarker', async () => {
    const out = await s3.send(new ListObjectsCommand({ Bucket, MaxKeys: 3 }));
    expect(out.IsTruncated).to.equal(true);
    expect(out.Contents?.map((c) => c.Key)).to.deep.equal(SORTED.slice(0, 3));
    expect(out.NextMarker).to.equal(undefined);
    const next = await s3.send(new ListObjectsCommand({ Bucket, MaxKeys: 3, Marker: out.Contents![2]!.Key }));
    expect(next.Contents?.map((c) => c.Key)).to.deep.equal(SORTED.slice(3, 6));
  });

  it('ListObjects_v1_truncated_with_delimiter_has_NextMarker', async () => {
    const out = await s3.send(new ListObjectsCommand({ Bucket, Delimiter: '/', MaxKeys: 2 }));
    expect(out.IsTruncated).to.equal(true);
    expect(out.NextMarker).to.equal('a/');
    const next = await s3.send(new ListObjectsCommand({ Bucket, Delimiter: '/', MaxKeys: 10, Marker: out.NextMarker }));
    expect(next.CommonPrefixes?.map((p) => p.Prefix)).to.deep.equal(['b/', 'd e/']);
    expect(next.Contents?.map((c) => c.Key)).to.deep.equal(['c', 'plus+key', 'z😀']);
    expect(next.IsTruncated).to.equal(false);
  });

  describe('ListObjectVersions', () => {
    let vb: string;
    const ids: Record<string, string> = {};
    before(async () => {
      vb = uniqueBucket('lv');
      await s3.send(new CreateBucketCommand({ Bucket: vb }));
      await s3.send(new PutBucketVersioningCommand({ Bucket: vb, VersioningConfiguration: { Status: 'Enabled' } }));
      ids.k1 = (await s3.send(new PutObjectCommand({ Bucket: vb, Key: 'k', Body: 'one' }))).VersionId!;
      ids.k2 = (await s3.send(new PutObjectCommand({ Bucket: vb, Key: 'k', Body: 'two!' }))).VersionId!;
      const del = await s3.send(new DeleteObjectCommand({ Bucket: vb, Key: 'k' }));
      ids.kdm = del.VersionId!;
      ids.m1 = (await s3.send(new PutObjectCommand({ Bucket: vb, Key: 'm', Body: 'm' }))).VersionId!;
    });

    it('ListObjectVersions_lists_versions_and_delete_markers_newest_first', async () => {
      const out = await s3.send(new ListObjectVersionsCommand({ Bucket: vb }));
      const versions = (out.Versions ?? []).map((v: ObjectVersion) => [v.Key, v.VersionId, v.IsLatest, v.Size]);
      expect(versions).to.deep.equal([['k', ids.k2, false, 4], ['k', ids.k1, false, 3], ['m', ids.m1, true, 1]]);
      const markers = (out.DeleteMarkers ?? []).map((d: DeleteMarkerEntry) => [d.Key, d.VersionId, d.IsLatest]);
      expect(markers).to.deep.equal([['k', ids.kdm, true]]);
      expect(out.DeleteMarkers?.[0]?.Owner?.ID).to.equal(canonicalIdOf('123456789012'));
      expect(out.IsTruncated).to.equal(false);
    });

    it('ListObjectVersions_xml_interleaves_in_key_then_newest_order', async () => {
      const r = await signedRequest(h, { path: `/${vb}?versions` });
      const order = [...r.text.matchAll(/<(Version|DeleteMarker)>[\s\S]*?<VersionId>([^<]*)<\/VersionId>/g)].map((m) => m[2]);
      expect(order).to.deep.equal([ids.kdm, ids.k2, ids.k1, ids.m1]);
    });

    it('ListObjectVersions_paginates_with_key_and_version_id_markers', async () => {
      const first = await s3.send(new ListObjectVersionsCommand({ Bucket: vb, MaxKeys: 2 }));
      expect(first.IsTruncated).to.equal(true);
      expect(first.NextKeyMarker).to.equal('k');
      expect(first.NextVersionIdMarker).to.equal(ids.k2);
      const second = await s3.send(new ListObjectVersionsCommand({ Bucket: vb, MaxKeys: 2, KeyMarker: first.NextKeyMarker, VersionIdMarker: first.NextVersionIdMarker }));
      const got = [...(second.Versions ?? []), ...(second.DeleteMarkers ?? [])].map((v) => v.VersionId);
      expect(got).to.have.members([ids.k1, ids.m1]);
      expect(second.IsTruncated).to.equal(false);
      expect(second.KeyMarker).to.equal('k');
      expect(second.VersionIdMarker).to.equal(ids.k2);
    });

    it('ListObjectVersions_key_marker_alone_skips_whole_key', async () => {
      const out = await s3.send(new ListObjectVersionsCommand({ Bucket: vb, KeyMarker: 'k' }));
      expect((out.Versions ?? []).map((v) => v.VersionId)).to.deep.equal([ids.m1]);
      expect(out.DeleteMarkers ?? []).to.have.length(0);
    });

    it('ListObjectVersions_prefix_filters', async () => {
      const out = await s3.send(new ListObjectVersionsCommand({ Bucket: vb, Prefix: 'm' }));
      expect((out.Versions ?? []).map((v) => v.Key)).to.deep.equal(['m']);
    });

    it('ListObjectVersions_unversioned_bucket_shows_null_versions', async () => {
      const out = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix: 'c' }));
      expect((out.Versions ?? []).map((v) => [v.Key, v.VersionId, v.IsLatest])).to.deep.equal([['c', 'null', true]]);
    });

    it('ListObjectsV2_hides_keys_whose_latest_is_a_delete_marker', async () => {
      const out = await s3.send(new ListObjectsV2Command({ Bucket: vb }));
      expect(out.Contents?.map((c) => c.Key)).to.deep.equal(['m']);
    });
  });
});
