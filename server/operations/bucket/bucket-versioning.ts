import { S3Error } from '../../errors/s3-error';
import { parseXml } from '../../xml/xml-reader';
import { toXml } from '../../xml/xml-writer';
import { requireBucket } from '../shared/bucket-guard';
import type { OperationSpec } from '../types';

/** GetBucketVersioning — https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketVersioning.html */
export const getBucketVersioning: OperationSpec = {
  name: 'GetBucketVersioning',
  method: 'GET',
  target: 'bucket',
  subresource: 'versioning',
  body: 'none',
  actions: () => ['s3:GetBucketVersioning'],
  async handler(input, deps) {
    const bucket = requireBucket(deps, input.bucket);
    const mfaDelete = deps.store.getBucketConfig<string>(bucket.name, 'mfaDelete');
    return {
      status: 200,
      body: toXml('VersioningConfiguration', {
        Status: bucket.versioning === 'Unversioned' ? undefined : bucket.versioning,
        MfaDelete: mfaDelete,
      }),
    };
  },
};

/**
 * PutBucketVersioning — https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketVersioning.html
 * Versioning can be suspended but never turned off; with Object Lock it cannot be suspended.
 */
export const putBucketVersioning: OperationSpec = {
  name: 'PutBucketVersioning',
  method: 'PUT',
  target: 'bucket',
  subresource: 'versioning',
  body: 'xml',
  actions: () => ['s3:PutBucketVersioning'],
  async handler(input, deps) {
    const bucket = requireBucket(deps, input.bucket);
    const { root, node } = await parseXml(input.xml ?? Buffer.alloc(0));
    if (root !== 'VersioningConfiguration') throw new S3Error('MalformedXML');
    const status = node.childText('Status');
    const mfaDelete = node.childText('MfaDelete');
    if (status !== undefined && status !== 'Enabled' && status !== 'Suspended') throw new S3Error('MalformedXML');
    if (mfaDelete !== undefined && mfaDelete !== 'Enabled' && mfaDelete !== 'Disabled') throw new S3Error('MalformedXML');
    if (mfaDelete === 'Enabled') {
      throw new S3Error('NotImplemented', 'MFA Delete is not implemented by this emulator yet.');
    }
    if (status === 'Suspended' && bucket.objectLockEnabled) {
      throw new S3Error('InvalidBucketState', 'An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.');
    }
    if (status !== undefined) deps.store.setVersioning(bucket.name, status);
    if (mfaDelete !== undefined) deps.store.setBucketConfig(bucket.name, 'mfaDelete', mfaDelete);
    return { status: 200 };
  },
};
