import { S3Error } from '../../errors/s3-error';

/** S3 object keys are at most 1024 bytes of UTF-8. */
export const MAX_KEY_BYTES = 1024;

export function validateKey(key: string): void {
  const size = Buffer.byteLength(key, 'utf8');
  if (size > MAX_KEY_BYTES) {
    throw new S3Error('KeyTooLongError', undefined, [['MaxSizeAllowed', String(MAX_KEY_BYTES)], ['Size', String(size)]]);
  }
}
