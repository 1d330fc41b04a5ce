import type { Principal } from '../request-facts';

/**
 * AWS's explained denial: "User: <arn> is not authorized to perform: <action> on resource:
 * "<arn>" because no identity-based policy allows the <action> action".
 */
export function denyMessage(principal: Principal, action: string, resource: string, why: string): string {
  const who = principal.type === 'Anonymous' ? 'anonymous' : principal.arn;
  return `User: ${who} is not authorized to perform: ${action} on resource: "${resource}" ${why}`;
}

export function resourceArn(bucket: string, key: string): string {
  if (!bucket) return '*';
  return key ? `arn:aws:s3:::${bucket}/${key}` : `arn:aws:s3:::${bucket}`;
}
