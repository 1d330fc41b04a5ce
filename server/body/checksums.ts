import { Crc32c } from '@aws-crypto/crc32c';
import { createHash, Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { S3Error } from '../errors/s3-error';
import type { ChecksumAlgorithm } from '../../storage/types';
import { Crc64Nvme } from './crc64-nvme';

export const ALGORITHMS: readonly ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'SHA1', 'SHA256', 'CRC64NVME'];
const DIGEST_BYTES: Readonly<Record<ChecksumAlgorithm, number>> = { CRC32: 4, CRC32C: 4, SHA1: 20, SHA256: 32, CRC64NVME: 8 };

/** An incremental checksum producing S3's base64 form. */
export interface ChecksumHasher {
  update(data: Uint8Array): void;
  digestBase64(): string;
}

function uint32(n: number): string {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(n >>> 0, 0);
  return b.toString('base64');
}

function fromHash(h: Hash): ChecksumHasher {
  return { update: (d) => void h.update(d), digestBase64: () => h.digest('base64') };
}

export function createChecksumHasher(algorithm: ChecksumAlgorithm): ChecksumHasher {
  switch (algorithm) {
    case 'CRC32': {
      let state = 0;
      return { update: (d) => void (state = crc32(d, state)), digestBase64: () => uint32(state) };
    }
    case 'CRC32C': {
      const c = new Crc32c();
      return { update: (d) => void c.update(d), digestBase64: () => uint32(c.digest()) };
    }
    case 'CRC64NVME': {
      const c = new Crc64Nvme();
      return { update: (d) => void c.update(d), digestBase64: () => c.digest().toString('base64') };
    }
    case 'SHA1':
      return fromHash(createHash('sha1'));
    case 'SHA256':
      return fromHash(createHash('sha256'));
  }
}

export function checksumHeaderName(algorithm: ChecksumAlgorithm): string {
  return 'x-amz-checksum-' + algorithm.toLowerCase();
}

export function algorithmOfHeader(name: string): ChecksumAlgorithm | undefined {
  const lower = name.toLowerCase();
  return ALGORITHMS.find((a) => checksumHeaderName(a) === lower);
}

/** True when `value` is canonical base64 of exactly the digest size of `algorithm`. */
export function isValidChecksumValue(algorithm: ChecksumAlgorithm, value: string): boolean {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value)) return false;
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === DIGEST_BYTES[algorithm] && bytes.toString('base64') === value;
}

export interface ChecksumRequest {
  /** The algorithm the client asked for, if any. */
  readonly algorithm?: ChecksumAlgorithm;
  /** The value sent as a header; undefined when it comes as a trailer or not at all. */
  readonly expected?: string;
  /** The value arrives as an aws-chunked trailer. */
  readonly inTrailer: boolean;
}

/**
 * Reads x-amz-checksum-*, x-amz-sdk-checksum-algorithm and x-amz-trailer (lower-case names).
 * Throws S3's InvalidRequest answers for a malformed value, several algorithms, or an
 * algorithm announced with nothing to check.
 */
export function parseChecksumHeaders(headers: Readonly<Record<string, string>>, trailerNames: readonly string[] = []): ChecksumRequest {
  const sent: Array<[ChecksumAlgorithm, string]> = [];
  for (const [name, value] of Object.entries(headers)) {
    const alg = algorithmOfHeader(name);
    if (alg !== undefined) sent.push([alg, value.trim()]);
  }
  const trailerAlgs = trailerNames.map((t) => algorithmOfHeader(t.trim())).filter((a): a is ChecksumAlgorithm => a !== undefined);
  if (sent.length + trailerAlgs.length > 1) {
    throw new S3Error('InvalidRequest', 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  }
  const sdkRaw = headers['x-amz-sdk-checksum-algorithm'];
  const sdk = sdkRaw === undefined ? undefined : ALGORITHMS.find((a) => a === sdkRaw.trim().toUpperCase());
  if (sdkRaw !== undefined && sdk === undefined) {
    throw new S3Error('InvalidRequest', 'Value for x-amz-sdk-checksum-algorithm header is invalid.');
  }
  if (sent.length === 1) {
    const [alg, value] = sent[0];
    if (!isValidChecksumValue(alg, value)) {
      throw new S3Error('InvalidRequest', `Value for ${checksumHeaderName(alg)} header is invalid.`);
    }
    return { algorithm: alg, expected: value, inTrailer: false };
  }
  if (trailerAlgs.length === 1) return { algorithm: trailerAlgs[0], inTrailer: true };
  if (sdk !== undefined) {
    throw new S3Error(
      'InvalidRequest',
      'x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.',
    );
  }
  return { inTrailer: false };
}

/** "The CRC32 you specified did not match the calculated checksum." (400 BadDigest) */
export function checksumMismatch(algorithm: ChecksumAlgorithm): S3Error {
  return new S3Error('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`);
}
