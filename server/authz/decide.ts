import type { BucketRecord } from '../../storage/types';
import type { Principal } from '../request-facts';

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

export interface AuthzRequest {
  readonly principal: Principal;
  readonly action: string;
  readonly resource: string;
  /** The bucket the request addresses, when it exists. */
  readonly bucket?: BucketRecord;
}

export interface AuthzResult {
  readonly decision: Decision;
  readonly reason: string;
}

/**
 * The decision before the policy language exists: an account's root may do everything to
 * its own resources (as on AWS, where root is not subject to identity policies), nobody
 * else may do anything, because no policy grants them anything yet. The access-control
 * issue replaces the body of this function with `policy.evaluate` over the loaded
 * identity, resource, endpoint, boundary and session policies; its callers stay.
 */
export function decide(req: AuthzRequest): AuthzResult {
  if (req.principal.type === 'Anonymous') {
    return { decision: 'ImplicitDeny', reason: 'because no resource-based policy allows the ' + req.action + ' action' };
  }
  // CreateBucket names a bucket that is not the caller's yet: whether the name is taken is
  // the handler's answer (409 BucketAlreadyExists), not an authorization failure.
  if (req.bucket && req.action !== 's3:CreateBucket' && req.bucket.accountId !== req.principal.accountId) {
    return { decision: 'ImplicitDeny', reason: 'because no resource-based policy allows the ' + req.action + ' action' };
  }
  if (req.principal.type === 'Root') return { decision: 'Allow', reason: 'account root user of the resource owner' };
  return { decision: 'ImplicitDeny', reason: 'because no identity-based policy allows the ' + req.action + ' action' };
}
