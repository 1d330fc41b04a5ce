import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from '../../errors/s3-error';
import { header } from './header';

export interface CustomerKey {
  readonly key: Buffer;
  /** base64 MD5 of the key, echoed in x-amz-server-side-encryption-customer-key-MD5. */
  readonly keyMd5: string;
}

const MESSAGES = {
  noKey: 'Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.',
  noAlgorithm: 'Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.',
  noMd5: 'Requests specifying Server Side Encryption with Customer provided keys must provide the client calculated MD5 of the secret key.',
  badMd5: 'The calculated MD5 hash of the key did not match the hash that was provided.',
  badKey: 'The secret key was invalid for the specified algorithm.',
} as const;

/**
 * The three SSE-C headers, for the object itself (prefix `x-amz-`) or for a copy source
 * (prefix `x-amz-copy-source-`): one parser serves both, as the validation is the same.
 * Returns undefined when none of the three is present.
 */
export function parseCustomerKey(headers: IncomingHttpHeaders, prefix: 'x-amz-' | 'x-amz-copy-source-' = 'x-amz-'): CustomerKey | undefined {
  const base = `${prefix}server-side-encryption-customer-`;
  const algorithm = header(headers, `${base}algorithm`);
  const keyB64 = header(headers, `${base}key`);
  const md5 = header(headers, `${base}key-md5`);
  if (algorithm === undefined && keyB64 === undefined && md5 === undefined) return undefined;
  const arg = (name: string, value?: string): Array<[string, string]> => [['ArgumentName', `${base}${name}`], ...(value !== undefined ? [['ArgumentValue', value] as [string, string]] : [])];
  if (algorithm === undefined) throw new S3Error('InvalidArgument', MESSAGES.noAlgorithm, arg('algorithm'));
  if (algorithm !== 'AES256') throw new S3Error('InvalidEncryptionAlgorithmError', undefined, arg('algorithm', algorithm));
  if (keyB64 === undefined) throw new S3Error('InvalidArgument', MESSAGES.noKey, arg('key'));
  if (md5 === undefined) throw new S3Error('InvalidArgument', MESSAGES.noMd5, arg('key-MD5'));
  const key = Buffer.from(keyB64, 'base64');
  if (key.length !== 32 || key.toString('base64') !== keyB64.replace(/\s/g, '')) throw new S3Error('InvalidArgument', MESSAGES.badKey, arg('key'));
  const actual = createHash('md5').update(key).digest();
  const given = Buffer.from(md5, 'base64');
  if (given.length !== actual.length || !timingSafeEqual(given, actual)) {
    throw new S3Error('InvalidArgument', MESSAGES.badMd5, [['ArgumentName', 'x-amz-server-side-encryption']]);
  }
  return { key, keyMd5: actual.toString('base64') };
}
