import type { Deps } from '../../deps';

/**
 * What AWS gives every new bucket today: all four Block Public Access settings on,
 * Object Ownership BucketOwnerEnforced, SSE-S3 default encryption, and (since April
 * 2026) SSE-C writes blocked. Stored as bucket configuration documents.
 */
export interface NewBucketOptions {
  readonly ownership?: string;
  readonly blockedEncryptionTypes?: readonly string[];
}

export const ALL_PUBLIC_ACCESS_BLOCKED = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
} as const;

export function applyNewBucketDefaults(deps: Deps, bucket: string, opts: NewBucketOptions = {}): void {
  deps.store.setBucketConfig(bucket, 'publicAccessBlock', ALL_PUBLIC_ACCESS_BLOCKED);
  deps.store.setBucketConfig(bucket, 'ownership', opts.ownership ?? 'BucketOwnerEnforced');
  deps.store.setBucketConfig(bucket, 'encryption', {
    rules: [{ SSEAlgorithm: 'AES256', BucketKeyEnabled: false }],
    blockedEncryptionTypes: opts.blockedEncryptionTypes ?? ['SSE-C'],
  });
}
