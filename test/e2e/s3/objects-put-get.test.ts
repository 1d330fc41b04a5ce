import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { expect } from 'chai';
import { Crc32c } from '@aws-crypto/crc32c';
import {
  DeleteObjectCommand, GetObjectAclCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand,
  type ChecksumAlgorithm, type S3Client,
} from '@aws-sdk/client-s3';
import { bodyString, sdkError, signedRequest, uniqueBucket, withBucket, xmlText, type Harness } from '../support/e2e';
import { canonicalIdOf } from '../../../server/accounts';

function b64u32(n: number): string {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0, 0);
  return b.toString('base64');
}

/** Independent checksums in S3's base64 form. */
function checksumOf(alg: ChecksumAlgorithm, data: Buffer): string {
  switch (alg) {
    case 'CRC32': return b64u32(crc32(data));
    case 'CRC32C': { const c = new Crc32c(); c.update(data); return b64u32(c.digest()); }
    case 'SHA1': return createHash('sha1').update(data).digest('base64');
    case 'SHA256': return createHash('sha256').update(data).digest('base64');
    default: throw new Error(`no independent implementation for ${alg}`);
  }
}

describe('s3 e2e: objects put/get', () => {
  let h: Harness;
  let s3: S3Client;
  let Bucket: string;
  withBucket('obj', (c) => { ({ h, s3, Bucket } = c); });

  it('PutObject_returns_quoted_md5_ETag', async () => {
    const body = 'etag body';
    const out = await s3.send(new PutObjectCommand({ Bucket, Key: 'etag', Body: body }));
    expect(out.ETag).to.equal(`"${createHash('md5').update(body).digest('hex')}"`);
    expect(out.VersionId).to.equal(undefined);
  });

  it('PutObject_non_existing_bucket_is_404_NoSuchBucket', async () => {
    const e = await sdkError(s3.send(new PutObjectCommand({ Bucket: uniqueBucket('nope'), Key: 'k', Body: 'x' })));
    expect(e.name).to.equal('NoSuchBucket');
    expect(e.status).to.equal(404);
  });

  it('GetObject_non_existing_key_is_404_NoSuchKey_with_Key', async () => {
    const e = await sdkError(s3.send(new GetObjectCommand({ Bucket, Key: 'does/not/exist' })));
    expect(e.name).to.equal('NoSuchKey');
    expect(e.status).to.equal(404);
    const r = await signedRequest(h, { path: `/${Bucket}/does/not/exist` });
    expect(xmlText(r.text, 'Key')).to.equal('does/not/exist');
  });

  it('HeadObject_non_existing_key_is_404_NotFound', async () => {
    const e = await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key: 'missing' })));
    expect(e.status).to.equal(404);
    expect(e.name).to.equal('NotFound');
  });

  it('PutObject_metadata_and_standard_headers_round_trip', async () => {
    const Expires = new Date('2030-01-01T00:00:00Z');
    await s3.send(new PutObjectCommand({
      Bucket, Key: 'meta', Body: 'hello',
      ContentType: 'text/plain; charset=utf-8',
      ContentDisposition: 'attachment; filename="x.txt"',
      ContentLanguage: 'en',
      CacheControl: 'max-age=60',
      ContentEncoding: 'identity',
      Expires,
      Metadata: { color: 'blue', 'multi-word': 'a b c' },
    }));
    for (const out of [await s3.send(new GetObjectCommand({ Bucket, Key: 'meta' })), await s3.send(new HeadObjectCommand({ Bucket, Key: 'meta' }))]) {
      expect(out.ContentType).to.equal('text/plain; charset=utf-8');
      expect(out.ContentDisposition).to.equal('attachment; filename="x.txt"');
      expect(out.ContentLanguage).to.equal('en');
      expect(out.CacheControl).to.equal('max-age=60');
      expect(out.ContentEncoding).to.equal('identity');
      expect(out.Expires?.toISOString()).to.equal(Expires.toISOString());
      expect(out.Metadata).to.deep.equal({ color: 'blue', 'multi-word': 'a b c' });
      expect(out.ContentLength).to.equal(5);
      expect(out.AcceptRanges).to.equal('bytes');
      expect(out.LastModified).to.be.instanceOf(Date);
    }
  });

  it('PutObject_without_content_type_defaults_to_binary_octet_stream', async () => {
    const c = h.s3();
    c.middlewareStack.add((next) => async (args) => {
      const req = args.request as { headers: Record<string, string> };
      for (const k of Object.keys(req.headers)) if (k.toLowerCase() === 'content-type') delete req.headers[k];
      return next(args);
    }, { step: 'build', name: 'stripContentType' });
    await c.send(new PutObjectCommand({ Bucket, Key: 'no-type', Body: Buffer.from([1, 2, 3]) }));
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'no-type' }));
    expect(head.ContentType).to.equal('binary/octet-stream');
  });

  it('PutObject_empty_body_is_stored_as_zero_bytes', async () => {
    const out = await s3.send(new PutObjectCommand({ Bucket, Key: 'empty', Body: '' }));
    expect(out.ETag).to.equal('"d41d8cd98f00b204e9800998ecf8427e"');
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'empty' }));
    expect(got.ContentLength).to.equal(0);
    expect(await bodyString(got.Body)).to.equal('');
  });

  it('PutObject_overwrite_replaces_content', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'ow', Body: 'first' }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'ow', Body: 'second!' }));
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'ow' }));
    expect(await bodyString(got.Body)).to.equal('second!');
  });

  it('PutObject_binary_body_round_trips_exactly', async () => {
    const data = Buffer.alloc(300_000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7919) & 0xff;
    await s3.send(new PutObjectCommand({ Bucket, Key: 'bin', Body: data }));
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(data)).to.equal(true);
  });

  it('PutObject_user_metadata_over_2KB_is_400_MetadataTooLarge', async () => {
    const e = await sdkError(s3.send(new PutObjectCommand({ Bucket, Key: 'bigmeta', Body: 'x', Metadata: { big: 'v'.repeat(2100) } })));
    expect(e.name).to.equal('MetadataTooLarge');
    expect(e.status).to.equal(400);
  });

  it('GetObject_response_overrides_replace_headers', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'ovr', Body: 'x', ContentType: 'text/plain' }));
    const got = await s3.send(new GetObjectCommand({
      Bucket, Key: 'ovr',
      ResponseContentType: 'application/json',
      ResponseContentDisposition: 'inline; filename="y.json"',
      ResponseCacheControl: 'no-cache',
      ResponseContentLanguage: 'fr',
      ResponseContentEncoding: 'identity',
      ResponseExpires: new Date('2031-02-03T04:05:06Z'),
    }));
    expect(got.ContentType).to.equal('application/json');
    expect(got.ContentDisposition).to.equal('inline; filename="y.json"');
    expect(got.CacheControl).to.equal('no-cache');
    expect(got.ContentLanguage).to.equal('fr');
    expect(got.ContentEncoding).to.equal('identity');
    expect(got.Expires?.toISOString()).to.equal('2031-02-03T04:05:06.000Z');
    // The stored object is unchanged.
    expect((await s3.send(new HeadObjectCommand({ Bucket, Key: 'ovr' }))).ContentType).to.equal('text/plain');
  });

  it('PutObject_Content_MD5_mismatch_is_400_BadDigest_and_nothing_stored', async () => {
    const wrong = createHash('md5').update('something else').digest('base64');
    const e = await sdkError(s3.send(new PutObjectCommand({ Bucket, Key: 'md5-bad', Body: 'payload', ContentMD5: wrong })));
    expect(e.name).to.equal('BadDigest');
    expect(e.status).to.equal(400);
    expect((await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key: 'md5-bad' })))).status).to.equal(404);
  });

  it('PutObject_Content_MD5_malformed_is_400_InvalidDigest', async () => {
    const e = await sdkError(s3.send(new PutObjectCommand({ Bucket, Key: 'md5-malformed', Body: 'payload', ContentMD5: 'not-base64-md5' })));
    expect(e.name).to.equal('InvalidDigest');
    expect(e.status).to.equal(400);
  });

  it('PutObject_Content_MD5_correct_is_accepted', async () => {
    const md5 = createHash('md5').update('payload').digest('base64');
    const out = await s3.send(new PutObjectCommand({ Bucket, Key: 'md5-ok', Body: 'payload', ContentMD5: md5 }));
    expect(out.ETag).to.equal(`"${Buffer.from(md5, 'base64').toString('hex')}"`);
  });

  for (const alg of ['CRC32', 'CRC32C', 'SHA1', 'SHA256'] as const) {
    it(`PutObject_checksum_${alg}_is_stored_and_returned_with_ChecksumMode_ENABLED`, async () => {
      const data = Buffer.from(`checksum body for ${alg} ✓`);
      const Key = `ck-${alg}`;
      const put = await s3.send(new PutObjectCommand({ Bucket, Key, Body: data, ChecksumAlgorithm: alg }));
      const field = `Checksum${alg}` as 'ChecksumCRC32' | 'ChecksumCRC32C' | 'ChecksumSHA1' | 'ChecksumSHA256';
      const expected = checksumOf(alg, data);
      expect(put[field]).to.equal(expected);
      const got = await s3.send(new GetObjectCommand({ Bucket, Key, ChecksumMode: 'ENABLED' }));
      expect(got[field]).to.equal(expected);
      expect(Buffer.from(await got.Body!.transformToByteArray()).equals(data)).to.equal(true);
      const head = await s3.send(new HeadObjectCommand({ Bucket, Key, ChecksumMode: 'ENABLED' }));
      expect(head[field]).to.equal(expected);
      const plain = await s3.send(new HeadObjectCommand({ Bucket, Key }));
      expect(plain[field]).to.equal(undefined);
    });

    it(`PutObject_wrong_${alg}_value_is_400_BadDigest_and_nothing_stored`, async () => {
      const Key = `ck-bad-${alg}`;
      const field = `Checksum${alg}` as 'ChecksumCRC32' | 'ChecksumCRC32C' | 'ChecksumSHA1' | 'ChecksumSHA256';
      const e = await sdkError(s3.send(new PutObjectCommand({ Bucket, Key, Body: 'actual body', [field]: checksumOf(alg, Buffer.from('another body')) })));
      expect(e.name).to.equal('BadDigest');
      expect(e.status).to.equal(400);
      expect(e.message).to.equal(`The ${alg} you specified did not match the calculated checksum.`);
      expect((await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key })))).status).to.equal(404);
    });
  }

  it('PutObject_malformed_checksum_value_is_400_InvalidRequest', async () => {
    const e = await sdkError(s3.send(new PutObjectCommand({ Bucket, Key: 'ck-malformed', Body: 'x', ChecksumSHA256: 'abc' })));
    expect(e.name).to.equal('InvalidRequest');
    expect(e.status).to.equal(400);
  });

  it('DeleteObject_existing_is_204_then_404', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'del', Body: 'x' }));
    const out = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'del' }));
    expect(out.$metadata.httpStatusCode).to.equal(204);
    expect(out.DeleteMarker).to.equal(undefined);
    expect((await sdkError(s3.send(new GetObjectCommand({ Bucket, Key: 'del' })))).name).to.equal('NoSuchKey');
  });

  it('DeleteObject_missing_key_is_204', async () => {
    const out = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'never-existed' }));
    expect(out.$metadata.httpStatusCode).to.equal(204);
  });

  it('DeleteObject_non_existing_bucket_is_404_NoSuchBucket', async () => {
    const e = await sdkError(s3.send(new DeleteObjectCommand({ Bucket: uniqueBucket('nope'), Key: 'k' })));
    expect(e.name).to.equal('NoSuchBucket');
  });

  it('PutObject_acl_private_is_accepted', async () => {
    const out = await s3.send(new PutObjectCommand({ Bucket, Key: 'acl-private', Body: 'x', ACL: 'private' }));
    expect(out.$metadata.httpStatusCode).to.equal(200);
  });

  it('PutObject_acl_bucket_owner_full_control_is_accepted', async () => {
    const out = await s3.send(new PutObjectCommand({ Bucket, Key: 'acl-bofc', Body: 'x', ACL: 'bucket-owner-full-control' }));
    expect(out.$metadata.httpStatusCode).to.equal(200);
  });

  it('PutObject_acl_public_read_is_400_AccessControlListNotSupported', async () => {
    const e = await sdkError(s3.send(new PutObjectCommand({ Bucket, Key: 'acl-public', Body: 'x', ACL: 'public-read' })));
    expect(e.name).to.equal('AccessControlListNotSupported');
    expect(e.status).to.equal(400);
    expect((await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key: 'acl-public' })))).status).to.equal(404);
  });

  it('PutObject_grant_header_is_400_AccessControlListNotSupported', async () => {
    const e = await sdkError(s3.send(new PutObjectCommand({ Bucket, Key: 'acl-grant', Body: 'x', GrantRead: 'uri="http://acs.amazonaws.com/groups/global/AllUsers"' })));
    expect(e.name).to.equal('AccessControlListNotSupported');
  });

  it('GetObjectAcl_owner_has_FULL_CONTROL', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'acl-read', Body: 'x' }));
    const out = await s3.send(new GetObjectAclCommand({ Bucket, Key: 'acl-read' }));
    const owner = canonicalIdOf('123456789012');
    expect(out.Owner?.ID).to.equal(owner);
    expect(out.Grants).to.have.length(1);
    expect(out.Grants?.[0]?.Permission).to.equal('FULL_CONTROL');
    expect(out.Grants?.[0]?.Grantee?.ID).to.equal(owner);
    expect(out.Grants?.[0]?.Grantee?.Type).to.equal('CanonicalUser');
  });

  it('GetObjectAcl_missing_key_is_404_NoSuchKey', async () => {
    const e = await sdkError(s3.send(new GetObjectAclCommand({ Bucket, Key: 'acl-missing' })));
    expect(e.name).to.equal('NoSuchKey');
  });

  it('PutObject_invalid_storage_class_is_400_InvalidStorageClass', async () => {
    const e = await sdkError(s3.send(new PutObjectCommand({ Bucket, Key: 'sc-bad', Body: 'x', StorageClass: 'SUPER_FAST' as never })));
    expect(e.name).to.equal('InvalidStorageClass');
    expect(e.status).to.equal(400);
    expect((await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key: 'sc-bad' })))).status).to.equal(404);
  });

  it('PutObject_storage_class_STANDARD_IA_is_reported_on_HEAD', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'sc-ia', Body: 'x', StorageClass: 'STANDARD_IA' }));
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'sc-ia' }));
    expect(head.StorageClass).to.equal('STANDARD_IA');
  });

  it('GetObject_GLACIER_object_not_restored_is_403_InvalidObjectState', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'sc-glacier', Body: 'cold', StorageClass: 'GLACIER' }));
    const e = await sdkError(s3.send(new GetObjectCommand({ Bucket, Key: 'sc-glacier' })));
    expect(e.name).to.equal('InvalidObjectState');
    expect(e.status).to.equal(403);
  });

  it('GetObject_ExpectedBucketOwner_mismatch_is_403_AccessDenied', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'ebo', Body: 'x' }));
    const ok = await s3.send(new GetObjectCommand({ Bucket, Key: 'ebo', ExpectedBucketOwner: '123456789012' }));
    expect(ok.$metadata.httpStatusCode).to.equal(200);
    const e = await sdkError(s3.send(new GetObjectCommand({ Bucket, Key: 'ebo', ExpectedBucketOwner: '111122223333' })));
    expect(e.name).to.equal('AccessDenied');
    expect(e.status).to.equal(403);
  });

  it('PutObject_ExpectedBucketOwner_mismatch_is_403_and_nothing_stored', async () => {
    const e = await sdkError(s3.send(new PutObjectCommand({ Bucket, Key: 'ebo-put', Body: 'x', ExpectedBucketOwner: '111122223333' })));
    expect(e.status).to.equal(403);
    expect((await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key: 'ebo-put' })))).status).to.equal(404);
  });
});
