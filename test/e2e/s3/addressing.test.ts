import { expect } from 'chai';
import {
  CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, ListObjectsV2Command, PutObjectCommand, type S3Client,
} from '@aws-sdk/client-s3';
import { bodyString, sdkError, signedRequest, uniqueBucket, useEmulator, xmlText, type Harness } from '../support/e2e';

describe('s3 e2e: path-style and virtual-hosted-style addressing', () => {
  let h: Harness;
  let path: S3Client;
  let vhost: S3Client;
  const hostsSeen: string[] = [];

  useEmulator((c) => {
    h = c.h;
    path = c.s3;
    vhost = h.s3({ endpoint: `http://localhost:${h.port}`, forcePathStyle: false });
    vhost.middlewareStack.add((next) => async (args) => {
      const req = args.request as { hostname?: string; path?: string };
      hostsSeen.push(`${req.hostname ?? ''} ${req.path ?? ''}`);
      return next(args);
    }, { step: 'finalizeRequest', name: 'recordHost' });
  });

  it('VirtualHosted_sdk_sends_bucket_in_host', async () => {
    const Bucket = uniqueBucket('vh');
    hostsSeen.length = 0;
    await vhost.send(new CreateBucketCommand({ Bucket }));
    expect(hostsSeen[0]).to.equal(`${Bucket}.localhost /`);
    const head = await path.send(new HeadBucketCommand({ Bucket }));
    expect(head.$metadata.httpStatusCode).to.equal(200);
  });

  it('VirtualHosted_put_get_list_delete_round_trip', async () => {
    const Bucket = uniqueBucket('vh');
    await path.send(new CreateBucketCommand({ Bucket }));
    hostsSeen.length = 0;
    await vhost.send(new PutObjectCommand({ Bucket, Key: 'dir/obj.txt', Body: 'via vhost' }));
    expect(hostsSeen[0]).to.equal(`${Bucket}.localhost /dir/obj.txt`);
    const viaPath = await path.send(new GetObjectCommand({ Bucket, Key: 'dir/obj.txt' }));
    expect(await bodyString(viaPath.Body)).to.equal('via vhost');
    await path.send(new PutObjectCommand({ Bucket, Key: 'second', Body: 'via path' }));
    const viaVhost = await vhost.send(new GetObjectCommand({ Bucket, Key: 'second' }));
    expect(await bodyString(viaVhost.Body)).to.equal('via path');
    const list = await vhost.send(new ListObjectsV2Command({ Bucket }));
    expect(list.Contents?.map((c) => c.Key)).to.deep.equal(['dir/obj.txt', 'second']);
    await vhost.send(new DeleteObjectCommand({ Bucket, Key: 'second' }));
    expect((await sdkError(path.send(new GetObjectCommand({ Bucket, Key: 'second' })))).name).to.equal('NoSuchKey');
  });

  it('VirtualHosted_server_routes_by_Host_header', async () => {
    const Bucket = uniqueBucket('vh');
    await path.send(new CreateBucketCommand({ Bucket }));
    await path.send(new PutObjectCommand({ Bucket, Key: 'routed', Body: 'by host' }));
    // Same path, different Host: the Host decides the bucket.
    const byHost = await signedRequest(h, { path: '/routed', host: `${Bucket}.localhost:${h.port}` });
    expect(byHost.status).to.equal(200);
    expect(byHost.text).to.equal('by host');
    const byPath = await signedRequest(h, { path: '/routed', host: `localhost:${h.port}` });
    expect(byPath.status).to.equal(404);
    expect(xmlText(byPath.text, 'Code')).to.equal('NoSuchBucket');
    expect(xmlText(byPath.text, 'BucketName')).to.equal('routed');
    // With a vhost Host, a bucket name in the path is part of the key.
    const doubled = await signedRequest(h, { path: `/${Bucket}/routed`, host: `${Bucket}.localhost:${h.port}` });
    expect(doubled.status).to.equal(404);
    expect(xmlText(doubled.text, 'Code')).to.equal('NoSuchKey');
    expect(xmlText(doubled.text, 'Key')).to.equal(`${Bucket}/routed`);
  });

  it('VirtualHosted_unknown_bucket_host_is_404_NoSuchBucket', async () => {
    const Bucket = uniqueBucket('vhnope');
    const e = await sdkError(vhost.send(new GetObjectCommand({ Bucket, Key: 'k' })));
    expect(e.name).to.equal('NoSuchBucket');
    expect(e.status).to.equal(404);
  });

  it('PathStyle_host_127_0_0_1_uses_first_path_segment', async () => {
    const Bucket = uniqueBucket('ps');
    await path.send(new CreateBucketCommand({ Bucket }));
    await path.send(new PutObjectCommand({ Bucket, Key: 'a/b', Body: 'pathstyle' }));
    const r = await signedRequest(h, { path: `/${Bucket}/a/b` });
    expect(r.status).to.equal(200);
    expect(r.text).to.equal('pathstyle');
  });
});
