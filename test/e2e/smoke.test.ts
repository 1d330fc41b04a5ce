import { expect } from 'chai';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { uniqueBucket, useEmulator, type Harness } from './support/e2e';

describe('smoke: SDK v3 round trip', () => {
  let h: Harness;
  useEmulator((c) => { h = c.h; });

  it('PutObject_then_GetObject_returns_same_bytes', async () => {
    const s3 = h.s3();
    const Bucket = uniqueBucket('test');
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'a/b.txt', Body: 'hello world', ContentType: 'text/plain' }));
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'a/b.txt' }));
    expect(await got.Body?.transformToString()).to.equal('hello world');
    expect(got.ContentType).to.equal('text/plain');
    const list = await s3.send(new ListObjectsV2Command({ Bucket }));
    expect(list.Contents?.map((c) => c.Key)).to.deep.equal(['a/b.txt']);
  });
});
