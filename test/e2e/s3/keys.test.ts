import { expect } from 'chai';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, HeadObjectCommand, DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { bodyString, sdkError, withBucket } from '../support/e2e';

describe('s3 e2e: object keys', () => {
  let s3: S3Client;
  let Bucket: string;

  withBucket('keys', (c) => { ({ s3, Bucket } = c); });

  const odd: Array<[string, string]> = [
    ['dot_dot_slash', '../x'],
    ['dot_dot', '..'],
    ['single_dot', '.'],
    ['nested_dot_dot', 'a/../b'],
    ['double_slash', 'a//b'],
    ['leading_slash', '/leading'],
    ['unicode', 'résumé/日本語/файл.txt'],
    ['emoji', 'emoji/😀🎉.bin'],
    ['plus', 'a+b+c'],
    ['percent', '100%/50%25'],
    ['spaces', 'with spaces/and  two'],
    ['query_like', 'q?x=1&y=2#frag'],
    ['tilde_and_specials', "~!@$^*()_'[]{};:,=|"],
  ];

  for (const [name, Key] of odd) {
    it(`Key_${name}_round_trips_exactly`, async () => {
      const body = `body of ${Key}`;
      await s3.send(new PutObjectCommand({ Bucket, Key, Body: body }));
      const got = await s3.send(new GetObjectCommand({ Bucket, Key }));
      expect(await bodyString(got.Body)).to.equal(body);
      const list = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: Key }));
      expect(list.Contents?.map((c) => c.Key)).to.include(Key);
    });
  }

  it('Key_plus_is_not_a_space', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'p+q', Body: 'plus' }));
    const e = await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key: 'p q' })));
    expect(e.status).to.equal(404);
  });

  it('Key_dot_dot_does_not_escape_to_another_key', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'secret', Body: 'top' }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'dir/../secret', Body: 'nested' }));
    expect(await bodyString((await s3.send(new GetObjectCommand({ Bucket, Key: 'secret' }))).Body)).to.equal('top');
    expect(await bodyString((await s3.send(new GetObjectCommand({ Bucket, Key: 'dir/../secret' }))).Body)).to.equal('nested');
  });

  it('Key_1024_bytes_is_accepted', async () => {
    const Key = 'k'.repeat(1024);
    await s3.send(new PutObjectCommand({ Bucket, Key, Body: 'long' }));
    expect((await s3.send(new HeadObjectCommand({ Bucket, Key }))).ContentLength).to.equal(4);
  });

  it('Key_1024_bytes_of_multibyte_characters_is_accepted', async () => {
    const Key = 'é'.repeat(512);
    expect(Buffer.byteLength(Key)).to.equal(1024);
    await s3.send(new PutObjectCommand({ Bucket, Key, Body: 'x' }));
    expect((await s3.send(new HeadObjectCommand({ Bucket, Key }))).ContentLength).to.equal(1);
  });

  it('Key_1025_bytes_is_400_KeyTooLongError', async () => {
    const Key = 'k'.repeat(1025);
    const e = await sdkError(s3.send(new PutObjectCommand({ Bucket, Key, Body: 'x' })));
    expect(e.name).to.equal('KeyTooLongError');
    expect(e.status).to.equal(400);
  });

  it('Key_513_two_byte_characters_is_400_KeyTooLongError', async () => {
    const e = await sdkError(s3.send(new PutObjectCommand({ Bucket, Key: 'é'.repeat(513), Body: 'x' })));
    expect(e.name).to.equal('KeyTooLongError');
  });

  it('DeleteObject_key_with_specials_removes_only_that_key', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'del me+now', Body: 'x' }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'del me now', Body: 'y' }));
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'del me+now' }));
    expect((await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key: 'del me+now' })))).status).to.equal(404);
    expect((await s3.send(new HeadObjectCommand({ Bucket, Key: 'del me now' }))).ContentLength).to.equal(1);
  });
});
