import { expect } from 'chai';
import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from '../../../server/errors/s3-error';
import { OperationTable, splitPath } from '../../../server/operations/resolve';
import { S3_OPERATIONS } from '../../../server/operations/registry';

const table = new OperationTable(S3_OPERATIONS);
const DOMAINS = ['localhost'];

function resolve(method: string, url: string, headers: IncomingHttpHeaders = {}, host = 'localhost:9000') {
  const q = url.indexOf('?');
  return table.resolve({
    method,
    host,
    rawPath: q < 0 ? url : url.slice(0, q),
    query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)),
    headers,
  }, DOMAINS);
}

/** Request lines as AWS's API reference shows them, and the operation each must become. */
const ROUTES: ReadonlyArray<{ name: string; method: string; url: string; headers?: IncomingHttpHeaders; host?: string; op: string; bucket?: string; key?: string }> = [
  { name: 'ListBuckets', method: 'GET', url: '/', op: 'ListBuckets' },
  { name: 'CreateBucket', method: 'PUT', url: '/amzn-bucket', op: 'CreateBucket', bucket: 'amzn-bucket' },
  { name: 'HeadBucket', method: 'HEAD', url: '/amzn-bucket', op: 'HeadBucket' },
  { name: 'DeleteBucket', method: 'DELETE', url: '/amzn-bucket', op: 'DeleteBucket' },
  { name: 'GetBucketLocation', method: 'GET', url: '/amzn-bucket?location', op: 'GetBucketLocation' },
  { name: 'GetBucketVersioning', method: 'GET', url: '/amzn-bucket?versioning', op: 'GetBucketVersioning' },
  { name: 'PutBucketVersioning', method: 'PUT', url: '/amzn-bucket?versioning', op: 'PutBucketVersioning' },
  { name: 'PutBucketTagging', method: 'PUT', url: '/amzn-bucket?tagging', op: 'PutBucketTagging' },
  { name: 'ListObjectsV1', method: 'GET', url: '/amzn-bucket?prefix=a&marker=b', op: 'ListObjects' },
  { name: 'ListObjectsV2', method: 'GET', url: '/amzn-bucket?list-type=2&prefix=a', op: 'ListObjectsV2' },
  { name: 'ListObjectVersions', method: 'GET', url: '/amzn-bucket?versions&prefix=a', op: 'ListObjectVersions' },
  { name: 'ListMultipartUploads', method: 'GET', url: '/amzn-bucket?uploads', op: 'ListMultipartUploads' },
  { name: 'DeleteObjects', method: 'POST', url: '/amzn-bucket?delete', op: 'DeleteObjects' },
  { name: 'PutObject', method: 'PUT', url: '/amzn-bucket/my%20key.txt', op: 'PutObject', key: 'my key.txt' },
  { name: 'CopyObject', method: 'PUT', url: '/amzn-bucket/dst', headers: { 'x-amz-copy-source': '/src/key' }, op: 'CopyObject' },
  { name: 'UploadPart', method: 'PUT', url: '/amzn-bucket/k?partNumber=1&uploadId=abc', op: 'UploadPart' },
  { name: 'UploadPartCopy', method: 'PUT', url: '/amzn-bucket/k?partNumber=1&uploadId=abc', headers: { 'x-amz-copy-source': '/src/key' }, op: 'UploadPartCopy' },
  { name: 'CreateMultipartUpload', method: 'POST', url: '/amzn-bucket/k?uploads', op: 'CreateMultipartUpload' },
  { name: 'CompleteMultipartUpload', method: 'POST', url: '/amzn-bucket/k?uploadId=abc', op: 'CompleteMultipartUpload' },
  { name: 'AbortMultipartUpload', method: 'DELETE', url: '/amzn-bucket/k?uploadId=abc', op: 'AbortMultipartUpload' },
  { name: 'ListParts', method: 'GET', url: '/amzn-bucket/k?uploadId=abc', op: 'ListParts' },
  { name: 'GetObject', method: 'GET', url: '/amzn-bucket/photos/2006/February/sample.jpg', op: 'GetObject', key: 'photos/2006/February/sample.jpg' },
  { name: 'GetObject_by_version', method: 'GET', url: '/amzn-bucket/k?versionId=3HL4kqtJlcpXroDTDmJ', op: 'GetObject' },
  { name: 'HeadObject', method: 'HEAD', url: '/amzn-bucket/k', op: 'HeadObject' },
  { name: 'DeleteObject', method: 'DELETE', url: '/amzn-bucket/k', op: 'DeleteObject' },
  { name: 'GetObjectTagging', method: 'GET', url: '/amzn-bucket/k?tagging', op: 'GetObjectTagging' },
  { name: 'DeleteObjectTagging', method: 'DELETE', url: '/amzn-bucket/k?tagging', op: 'DeleteObjectTagging' },
  { name: 'GetObjectAcl', method: 'GET', url: '/amzn-bucket/k?acl', op: 'GetObjectAcl' },
  { name: 'VirtualHosted_GetObject', method: 'GET', url: '/photos/puppy.jpg', host: 'amzn-bucket.localhost:9000', op: 'GetObject', bucket: 'amzn-bucket', key: 'photos/puppy.jpg' },
  { name: 'VirtualHosted_ListObjectsV2', method: 'GET', url: '/?list-type=2', host: 'amzn-bucket.localhost', op: 'ListObjectsV2', bucket: 'amzn-bucket' },
  { name: 'Key_with_slashes_and_dots', method: 'GET', url: '/b/../x', op: 'GetObject', key: '../x' },
];

describe('operation table: AWS request lines resolve to operations', () => {
  for (const r of ROUTES) {
    it(r.name, () => {
      const got = resolve(r.method, r.url, r.headers, r.host);
      expect(got.spec.name).to.equal(r.op);
      if (r.bucket !== undefined) expect(got.bucket).to.equal(r.bucket);
      if (r.key !== undefined) expect(got.key).to.equal(r.key);
    });
  }

  const FAILURES: ReadonlyArray<{ name: string; method: string; url: string; code: string; message?: RegExp }> = [
    { name: 'GetBucketReplication_not_implemented', method: 'GET', url: '/b?replication', code: 'NotImplemented', message: /GetBucketReplication/ },
    { name: 'PutBucketPolicy_not_implemented', method: 'PUT', url: '/b?policy', code: 'NotImplemented', message: /PutBucketPolicy/ },
    { name: 'GetObjectRetention_not_implemented', method: 'GET', url: '/b/k?retention', code: 'NotImplemented', message: /GetObjectRetention/ },
    { name: 'PATCH_object_method_not_allowed', method: 'PATCH', url: '/b/k', code: 'MethodNotAllowed' },
    { name: 'bad_percent_encoding', method: 'GET', url: '/b/%E0%A4%A', code: 'InvalidURI' },
  ];
  for (const f of FAILURES) {
    it(f.name, () => {
      try {
        resolve(f.method, f.url);
        expect.fail('resolved');
      } catch (e) {
        expect(e).to.be.instanceOf(S3Error);
        expect((e as S3Error).code).to.equal(f.code);
        if (f.message) expect((e as S3Error).message).to.match(f.message);
      }
    });
  }

  it('splitPath keeps %2F inside a key as a slash and + as a plus', () => {
    expect(splitPath('/b/a%2Fb+c', 'localhost', DOMAINS)).to.deep.equal({ bucket: 'b', key: 'a/b+c' });
  });
});
