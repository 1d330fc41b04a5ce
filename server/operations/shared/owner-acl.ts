import type { Account } from '../../accounts';
import { toXml } from '../../xml/xml-writer';

/**
 * The only ACL a bucket with ACLs disabled has: the owner with FULL_CONTROL. AWS still
 * answers GetBucketAcl/GetObjectAcl with it (s3cmd reads it before every copy).
 */
export function ownerOnlyAcl(owner: Account | undefined): string {
  const ownerXml = { ID: owner?.canonicalId, DisplayName: owner?.displayName };
  const grant = `<Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>${owner?.canonicalId ?? ''}</ID><DisplayName>${owner?.displayName ?? ''}</DisplayName></Grantee><Permission>FULL_CONTROL</Permission></Grant>`;
  const doc = toXml('AccessControlPolicy', { Owner: ownerXml, AccessControlList: { __GRANTS__: '' } });
  return doc.replace('<__GRANTS__></__GRANTS__>', grant);
}
