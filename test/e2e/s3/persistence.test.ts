import { expect } from 'chai';
import {
  CompleteMultipartUploadCommand, CreateBucketCommand, CreateMultipartUploadCommand, DeleteObjectCommand, GetBucketTaggingCommand,
  GetBucketVersioningCommand, GetObjectCommand, GetObjectTaggingCommand, HeadObjectCommand, ListBucketsCommand,
  ListMultipartUploadsCommand, ListObjectVersionsCommand, PutBucketTaggingCommand, PutBucketVersioningCommand, PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { bodyString, sdkError, startHarness, uniqueBucket, useTempDir } from '../support/e2e';

describe('s3 e2e: restart persistence', () => {
  let dataDir: string;
  useTempDir('s3emu-persist-', (d) => { dataDir = d; });

  it('Restart_keeps_buckets_objects_versions_tags_and_uploads', async () => {
    const plain = uniqueBucket('pp');
    const versioned = uniqueBucket('pv');
    const ids: Record<string, string> = {};
    let uploadId = '';
    let partEtag = '';

    const first = await startHarness({ ephemeral: false, dataDir });
    try {
      const s3 = first.s3();
      await s3.send(new CreateBucketCommand({ Bucket: plain }));
      await s3.send(new PutObjectCommand({ Bucket: plain, Key: 'doc.txt', Body: 'persisted', ContentType: 'text/plain', Metadata: { a: '1' }, Tagging: 't=1' }));
      await s3.send(new PutBucketTaggingCommand({ Bucket: plain, Tagging: { TagSet: [{ Key: 'env', Value: 'dev' }] } }));
      await s3.send(new CreateBucketCommand({ Bucket: versioned }));
      await s3.send(new PutBucketVersioningCommand({ Bucket: versioned, VersioningConfiguration: { Status: 'Enabled' } }));
      ids.v1 = (await s3.send(new PutObjectCommand({ Bucket: versioned, Key: 'k', Body: 'one' }))).VersionId!;
      ids.v2 = (await s3.send(new PutObjectCommand({ Bucket: versioned, Key: 'k', Body: 'two' }))).VersionId!;
      ids.dm = (await s3.send(new DeleteObjectCommand({ Bucket: versioned, Key: 'k' }))).VersionId!;
      uploadId = (await s3.send(new CreateMultipartUploadCommand({ Bucket: plain, Key: 'mp' }))).UploadId!;
      partEtag = (await s3.send(new UploadPartCommand({ Bucket: plain, Key: 'mp', UploadId: uploadId, PartNumber: 1, Body: 'part one' }))).ETag!;
    } finally {
      await first.emu.stop();
    }

    const second = await startHarness({ ephemeral: false, dataDir });
    try {
      const s3 = second.s3();
      const names = ((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name);
      expect(names).to.include.members([plain, versioned]);
      const doc = await s3.send(new GetObjectCommand({ Bucket: plain, Key: 'doc.txt' }));
      expect(await bodyString(doc.Body)).to.equal('persisted');
      expect(doc.ContentType).to.equal('text/plain');
      expect(doc.Metadata).to.deep.equal({ a: '1' });
      expect((await s3.send(new GetObjectTaggingCommand({ Bucket: plain, Key: 'doc.txt' }))).TagSet).to.deep.equal([{ Key: 't', Value: '1' }]);
      expect((await s3.send(new GetBucketTaggingCommand({ Bucket: plain }))).TagSet).to.deep.equal([{ Key: 'env', Value: 'dev' }]);
      expect((await s3.send(new GetBucketVersioningCommand({ Bucket: versioned }))).Status).to.equal('Enabled');
      const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: versioned }));
      expect((versions.Versions ?? []).map((v) => v.VersionId)).to.deep.equal([ids.v2, ids.v1]);
      expect((versions.DeleteMarkers ?? []).map((v) => [v.VersionId, v.IsLatest])).to.deep.equal([[ids.dm, true]]);
      expect((await sdkError(s3.send(new HeadObjectCommand({ Bucket: versioned, Key: 'k' })))).status).to.equal(404);
      expect(await bodyString((await s3.send(new GetObjectCommand({ Bucket: versioned, Key: 'k', VersionId: ids.v1 }))).Body)).to.equal('one');
      expect(await bodyString((await s3.send(new GetObjectCommand({ Bucket: versioned, Key: 'k', VersionId: ids.v2 }))).Body)).to.equal('two');
      const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: plain }));
      expect((uploads.Uploads ?? []).map((u) => u.UploadId)).to.deep.equal([uploadId]);
      await s3.send(new CompleteMultipartUploadCommand({ Bucket: plain, Key: 'mp', UploadId: uploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: partEtag }] } }));
      expect(await bodyString((await s3.send(new GetObjectCommand({ Bucket: plain, Key: 'mp' }))).Body)).to.equal('part one');
    } finally {
      await second.emu.stop();
    }
  });
});
