import { S3Error } from '../../errors/s3-error';
import { parseXml } from '../../xml/xml-reader';
import { element, toXml } from '../../xml/xml-writer';
import { requireBucket } from '../shared/bucket-guard';
import { bucketEncryptionOf, type BucketEncryption } from '../shared/sse-request';
import type { OperationSpec } from '../types';

const ALGORITHMS = new Set(['AES256', 'aws:kms', 'aws:kms:dsse']);
const ENCRYPTION_TYPES = new Set(['NONE', 'SSE-C']);

/** What a bucket has when nobody configured anything: SSE-S3, SSE-C writes blocked. */
const DEFAULT_ENCRYPTION: BucketEncryption = { rules: [{ SSEAlgorithm: 'AES256', BucketKeyEnabled: false }], blockedEncryptionTypes: ['SSE-C'] };

async function parseConfiguration(body: Buffer | undefined, current: BucketEncryption): Promise<BucketEncryption> {
  const { root, node } = await parseXml(body ?? Buffer.alloc(0));
  if (root !== 'ServerSideEncryptionConfiguration') throw new S3Error('MalformedXML');
  const rules = node.children('Rule');
  if (rules.length !== 1) throw new S3Error('MalformedXML');
  const rule = rules[0];
  const apply = rule?.child('ApplyServerSideEncryptionByDefault');
  const algorithm = apply?.childText('SSEAlgorithm');
  if (!apply || algorithm === undefined || !ALGORITHMS.has(algorithm)) throw new S3Error('MalformedXML');
  const kmsKey = apply.childText('KMSMasterKeyID') || undefined;
  if (kmsKey !== undefined && algorithm === 'AES256') {
    throw new S3Error('InvalidArgument', 'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse', [['ArgumentName', 'ApplyServerSideEncryptionByDefault']]);
  }
  const bucketKey = rule?.childText('BucketKeyEnabled');
  if (bucketKey !== undefined && bucketKey !== 'true' && bucketKey !== 'false') throw new S3Error('MalformedXML');
  const blocked = rule?.child('BlockedEncryptionTypes');
  let blockedEncryptionTypes = current.blockedEncryptionTypes ?? [];
  if (blocked) {
    const types = blocked.children('EncryptionType').map((t) => t.text());
    if (types.some((t) => !ENCRYPTION_TYPES.has(t))) throw new S3Error('MalformedXML');
    blockedEncryptionTypes = types.filter((t) => t !== 'NONE');
  }
  return { rules: [{ SSEAlgorithm: algorithm, KMSMasterKeyID: kmsKey, BucketKeyEnabled: bucketKey === 'true' }], blockedEncryptionTypes };
}

/** PutBucketEncryption — https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketEncryption.html */
export const putBucketEncryption: OperationSpec = {
  name: 'PutBucketEncryption',
  method: 'PUT',
  target: 'bucket',
  subresource: 'encryption',
  body: 'xml',
  actions: () => ['s3:PutEncryptionConfiguration'],
  async handler(input, deps) {
    requireBucket(deps, input.bucket);
    const config = await parseConfiguration(input.xml, bucketEncryptionOf(deps, input.bucket) ?? DEFAULT_ENCRYPTION);
    deps.store.setBucketConfig(input.bucket, 'encryption', config);
    return { status: 200 };
  },
};

/** GetBucketEncryption — https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketEncryption.html */
export const getBucketEncryption: OperationSpec = {
  name: 'GetBucketEncryption',
  method: 'GET',
  target: 'bucket',
  subresource: 'encryption',
  body: 'none',
  actions: () => ['s3:GetEncryptionConfiguration'],
  async handler(input, deps) {
    requireBucket(deps, input.bucket);
    const config = bucketEncryptionOf(deps, input.bucket) ?? DEFAULT_ENCRYPTION;
    const rules = config.rules.map((r) => element('Rule', {
      ApplyServerSideEncryptionByDefault: { SSEAlgorithm: r.SSEAlgorithm, KMSMasterKeyID: r.KMSMasterKeyID },
      BucketKeyEnabled: r.BucketKeyEnabled === true,
      BlockedEncryptionTypes: { EncryptionType: (config.blockedEncryptionTypes ?? []).length ? config.blockedEncryptionTypes : ['NONE'] },
    }));
    return { status: 200, body: toXml('ServerSideEncryptionConfiguration', {}).replace('</ServerSideEncryptionConfiguration>', `${rules.join('')}</ServerSideEncryptionConfiguration>`) };
  },
};

/** DeleteBucketEncryption — https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketEncryption.html (back to SSE-S3) */
export const deleteBucketEncryption: OperationSpec = {
  name: 'DeleteBucketEncryption',
  method: 'DELETE',
  target: 'bucket',
  subresource: 'encryption',
  body: 'none',
  actions: () => ['s3:PutEncryptionConfiguration'],
  async handler(input, deps) {
    requireBucket(deps, input.bucket);
    const current = bucketEncryptionOf(deps, input.bucket) ?? DEFAULT_ENCRYPTION;
    deps.store.setBucketConfig(input.bucket, 'encryption', { rules: DEFAULT_ENCRYPTION.rules, blockedEncryptionTypes: current.blockedEncryptionTypes });
    return { status: 204 };
  },
};
