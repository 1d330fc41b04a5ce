import type { IncomingHttpHeaders } from 'node:http';
import type { SseMode } from '../../../crypto/encryption-record';
import type { EncryptionContext } from '../../../crypto/kms/encryption-context';
import type { Deps } from '../../deps';
import { S3Error } from '../../errors/s3-error';
import type { OperationInput } from '../types';
import { header } from './header';
import { parseCustomerKey, type CustomerKey } from './sse-customer-key';

/** The bucket's default encryption, as stored by PutBucketEncryption and new-bucket defaults. */
export interface BucketEncryption {
  readonly rules: ReadonlyArray<{ readonly SSEAlgorithm: string; readonly KMSMasterKeyID?: string; readonly BucketKeyEnabled?: boolean }>;
  readonly blockedEncryptionTypes?: readonly string[];
}

/** What a write asks for, after the bucket default was applied. */
export interface SseChoice {
  readonly mode: SseMode;
  readonly kmsKeyId?: string;
  readonly context?: EncryptionContext;
  readonly bucketKeyEnabled?: boolean;
  readonly customer?: CustomerKey;
}

const MODES: readonly string[] = ['AES256', 'aws:kms', 'aws:kms:dsse'];

function parseContext(value: string | undefined): EncryptionContext | undefined {
  if (value === undefined) return undefined;
  const fail = () => new S3Error('InvalidArgument', "The header 'x-amz-server-side-encryption-context' shall be Base64-encoded UTF-8 string holding JSON which represents a string-string map", [['ArgumentName', 'x-amz-server-side-encryption-context']]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
  } catch {
    throw fail();
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw fail();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof v !== 'string') throw fail();
    out[k] = v;
  }
  return out;
}

/** SSE-C needs TLS, as on AWS, unless the user opted in for local HTTP tests. */
export function requireSecureForSsec(input: OperationInput, deps: Deps): void {
  if (!input.facts.tls.secure && !deps.settings.allowSsecOverHttp) {
    throw new S3Error('InvalidRequest', 'Requests specifying Server Side Encryption with Customer provided keys must be made over a secure connection.');
  }
}

/** The SSE-C key a GET/HEAD (or a copy source) supplies, validated. */
export function readCustomerKey(input: OperationInput, deps: Deps, prefix: 'x-amz-' | 'x-amz-copy-source-' = 'x-amz-'): CustomerKey | undefined {
  const key = parseCustomerKey(input.headers, prefix);
  if (key) requireSecureForSsec(input, deps);
  return key;
}

/**
 * What a PUT / copy / CreateMultipartUpload asks for: request headers first, else the
 * bucket's default encryption (SSE-S3 when nothing is configured, as S3 since 2023).
 */
export function chooseEncryption(input: OperationInput, deps: Deps, bucketEncryption: BucketEncryption | undefined, headers: IncomingHttpHeaders = input.headers): SseChoice {
  const sse = header(headers, 'x-amz-server-side-encryption');
  const kmsKeyId = header(headers, 'x-amz-server-side-encryption-aws-kms-key-id');
  const context = parseContext(header(headers, 'x-amz-server-side-encryption-context'));
  const bucketKey = header(headers, 'x-amz-server-side-encryption-bucket-key-enabled');
  const customer = parseCustomerKey(headers);
  if (customer) {
    if (sse !== undefined) throw new S3Error('InvalidArgument', 'Server Side Encryption with Customer provided key is incompatible with the encryption method specified', [['ArgumentName', 'x-amz-server-side-encryption'], ['ArgumentValue', sse]]);
    requireSecureForSsec(input, deps);
    if (bucketEncryption?.blockedEncryptionTypes?.includes('SSE-C')) {
      throw new S3Error('AccessDenied', 'Requests specifying Server Side Encryption with Customer provided keys are blocked for this bucket.');
    }
    return { mode: 'SSE-C', customer };
  }
  if (sse !== undefined && !MODES.includes(sse)) {
    throw new S3Error('InvalidArgument', 'The encryption method specified is not supported', [['ArgumentName', 'x-amz-server-side-encryption'], ['ArgumentValue', sse]]);
  }
  const isKms = sse === 'aws:kms' || sse === 'aws:kms:dsse';
  if (!isKms && (kmsKeyId !== undefined || context !== undefined)) {
    throw new S3Error('InvalidArgument', 'Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms', [['ArgumentName', 'x-amz-server-side-encryption']]);
  }
  if (sse !== undefined) {
    if (isKms && input.auth.signatureVersion === 'AWS') {
      throw new S3Error('InvalidArgument', 'Requests specifying Server Side Encryption with AWS KMS managed keys require AWS Signature Version 4.', [['ArgumentName', 'Authorization'], ['ArgumentValue', 'null']]);
    }
    const rule = bucketEncryption?.rules[0];
    const inheritBucketKey = rule?.SSEAlgorithm === 'aws:kms' && rule.BucketKeyEnabled === true;
    return { mode: sse as SseMode, kmsKeyId, context, bucketKeyEnabled: bucketKey !== undefined ? bucketKey.toLowerCase() === 'true' : inheritBucketKey };
  }
  const rule = bucketEncryption?.rules[0];
  if (!rule || rule.SSEAlgorithm === 'AES256') return { mode: 'AES256' };
  if (rule.SSEAlgorithm === 'aws:kms' && input.auth.signatureVersion === 'AWS') {
    throw new S3Error('InvalidArgument', 'Requests specifying Server Side Encryption with AWS KMS managed keys require AWS Signature Version 4.', [['ArgumentName', 'Authorization'], ['ArgumentValue', 'null']]);
  }
  return { mode: rule.SSEAlgorithm as SseMode, kmsKeyId: rule.KMSMasterKeyID, bucketKeyEnabled: bucketKey !== undefined ? bucketKey.toLowerCase() === 'true' : rule.BucketKeyEnabled === true };
}

export function bucketEncryptionOf(deps: Deps, bucket: string): BucketEncryption | undefined {
  return deps.store.getBucketConfig<BucketEncryption>(bucket, 'encryption');
}
