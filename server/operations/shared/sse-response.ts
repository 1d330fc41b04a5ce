import type { SseMode } from '../../../crypto/encryption-record';
import type { EncryptionContext } from '../../../crypto/kms/encryption-context';

export interface SseFacts {
  readonly mode: SseMode;
  readonly kmsKeyArn?: string;
  readonly bucketKeyEnabled?: boolean;
  readonly context?: EncryptionContext;
  readonly customerKeyMd5?: string;
}

/** The x-amz-server-side-encryption* headers S3 returns for an object's mode. */
export function sseResponseHeaders(f: SseFacts | undefined, withContext = false): Record<string, string | undefined> {
  if (!f) return {};
  if (f.mode === 'SSE-C') {
    return {
      'x-amz-server-side-encryption-customer-algorithm': 'AES256',
      'x-amz-server-side-encryption-customer-key-MD5': f.customerKeyMd5,
    };
  }
  const kms = f.mode === 'aws:kms' || f.mode === 'aws:kms:dsse';
  return {
    'x-amz-server-side-encryption': f.mode,
    'x-amz-server-side-encryption-aws-kms-key-id': kms ? f.kmsKeyArn : undefined,
    'x-amz-server-side-encryption-bucket-key-enabled': kms && f.bucketKeyEnabled ? 'true' : undefined,
    'x-amz-server-side-encryption-context': kms && withContext && f.context ? Buffer.from(JSON.stringify(f.context)).toString('base64') : undefined,
  };
}
