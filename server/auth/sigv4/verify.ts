import { createHmac, timingSafeEqual } from 'node:crypto';
import { S3Error } from '../../errors/s3-error';

/** "41 57 53 34" - how AWS shows the bytes of StringToSign and CanonicalRequest. */
export function spacedHex(s: string): string {
  const hex = Buffer.from(s, 'utf8').toString('hex');
  let out = '';
  for (let i = 0; i < hex.length; i += 2) out += (i > 0 ? ' ' : '') + hex.slice(i, i + 2);
  return out;
}

/**
 * Constant-time comparison of two signatures as text. Lengths are compared first (the
 * length of a hex signature is public), then the bytes with timingSafeEqual.
 */
export function signaturesEqual(expected: string, provided: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(provided, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function hmacHex(key: Uint8Array, data: string): string {
  return createHmac('sha256', key).update(data, 'utf8').digest('hex');
}

export interface SigV4Failure {
  readonly accessKeyId: string;
  readonly stringToSign: string;
  readonly canonicalRequest: string;
  readonly signatureProvided: string;
}

/** AWS's SignatureDoesNotMatch for SigV4, with the six fields it returns. */
export function sigV4Mismatch(f: SigV4Failure): S3Error {
  return new S3Error('SignatureDoesNotMatch', undefined, [
    ['AWSAccessKeyId', f.accessKeyId],
    ['StringToSign', f.stringToSign],
    ['SignatureProvided', f.signatureProvided],
    ['StringToSignBytes', spacedHex(f.stringToSign)],
    ['CanonicalRequest', f.canonicalRequest],
    ['CanonicalRequestBytes', spacedHex(f.canonicalRequest)],
  ]);
}

/** Verifies hex(HMAC(signingKey, stringToSign)) against the provided signature, or throws. */
export function verifySigV4(signingKey: Uint8Array, failure: SigV4Failure): void {
  const expected = hmacHex(signingKey, failure.stringToSign);
  if (!signaturesEqual(expected, failure.signatureProvided)) throw sigV4Mismatch(failure);
}
