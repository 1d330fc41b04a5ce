import { S3Error } from '../../errors/s3-error';
import { parseXml } from '../../xml/xml-reader';
import { checkAclHeaders } from '../shared/acl-headers';
import { validateBucketName } from '../shared/bucket-name';
import { header } from '../shared/header';
import { applyNewBucketDefaults } from '../shared/bucket-defaults';
import type { OperationSpec } from '../types';

const OWNERSHIP = new Set(['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter']);

async function locationConstraint(body: Buffer | undefined): Promise<string | undefined> {
  if (!body || body.length === 0) return undefined;
  const { root, node } = await parseXml(body);
  if (root !== 'CreateBucketConfiguration') throw new S3Error('MalformedXML');
  const lc = node.childText('LocationConstraint');
  return lc === '' ? undefined : lc;
}

/**
 * Location rules as the regional endpoint applies them: in us-east-1 an explicit
 * 'us-east-1' is InvalidLocationConstraint; any other region than the endpoint's is
 * IllegalLocationConstraintException (this emulator serves one region).
 */
function checkLocation(lc: string | undefined, region: string): void {
  if (region === 'us-east-1') {
    if (lc === undefined) return;
    if (lc === 'us-east-1') throw new S3Error('InvalidLocationConstraint', 'The specified location-constraint is not valid', [['LocationConstraint', lc]]);
  } else if (lc === undefined) {
    throw new S3Error('IllegalLocationConstraintException', 'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.');
  }
  if (lc !== region) {
    throw new S3Error('IllegalLocationConstraintException', `The ${lc} location constraint is incompatible for the region specific endpoint this request was sent to.`);
  }
}

/** CreateBucket — https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html */
export const createBucket: OperationSpec = {
  name: 'CreateBucket',
  method: 'PUT',
  target: 'bucket',
  body: 'xml',
  actions: (i) => (i.headers['x-amz-bucket-object-lock-enabled'] === 'true' ? ['s3:CreateBucket', 's3:PutBucketObjectLockConfiguration', 's3:PutBucketVersioning'] : ['s3:CreateBucket']),
  async handler(input, deps) {
    validateBucketName(input.bucket);
    checkLocation(await locationConstraint(input.xml), deps.settings.region);
    const ownership = header(input.headers, 'x-amz-object-ownership') ?? 'BucketOwnerEnforced';
    if (!OWNERSHIP.has(ownership)) throw new S3Error('InvalidArgument', `Invalid x-amz-object-ownership header: ${ownership}`, [['ArgumentName', 'x-amz-object-ownership']]);
    checkAclHeaders(input.headers, ownership, true);
    const principal = input.auth.principal;
    const existing = deps.store.getBucket(input.bucket);
    if (existing) {
      if (existing.accountId !== principal.accountId) throw new S3Error('BucketAlreadyExists', undefined, [['BucketName', input.bucket]]);
      // us-east-1 keeps its legacy answer: re-creating your own bucket succeeds.
      if (deps.settings.region === 'us-east-1') return { status: 200, headers: { Location: `/${input.bucket}` } };
      throw new S3Error('BucketAlreadyOwnedByYou', undefined, [['BucketName', input.bucket]]);
    }
    const lockHeader = header(input.headers, 'x-amz-bucket-object-lock-enabled');
    const objectLockEnabled = lockHeader?.toLowerCase() === 'true';
    deps.store.createBucket({
      name: input.bucket,
      accountId: principal.accountId,
      region: deps.settings.region,
      createdAt: deps.clock.now(),
      objectLockEnabled,
      versioning: objectLockEnabled ? 'Enabled' : 'Unversioned',
    });
    applyNewBucketDefaults(deps, input.bucket, { ownership });
    return { status: 200, headers: { Location: `/${input.bucket}` } };
  },
};
