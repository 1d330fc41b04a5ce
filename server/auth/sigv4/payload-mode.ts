import { S3Error } from '../../errors/s3-error';
import type { ChunkSigningContext, PayloadMode } from '../types';

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const STREAMING_SIGNED = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
export const STREAMING_SIGNED_TRAILER = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER';
export const STREAMING_UNSIGNED_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';
const ECDSA = 'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD';
const ECDSA_TRAILER = 'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER';

export const INVALID_CONTENT_SHA256 =
  'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, ' +
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, ' +
  'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.';

/** Rejects a value AWS would not accept in x-amz-content-sha256 (400 InvalidArgument). */
export function checkContentSha256(value: string): void {
  const ok =
    /^[0-9a-fA-F]{64}$/.test(value) ||
    value === UNSIGNED_PAYLOAD ||
    value === STREAMING_SIGNED ||
    value === STREAMING_SIGNED_TRAILER ||
    value === STREAMING_UNSIGNED_TRAILER ||
    value === ECDSA ||
    value === ECDSA_TRAILER;
  if (!ok) {
    throw new S3Error('InvalidArgument', INVALID_CONTENT_SHA256, [
      ['ArgumentName', 'x-amz-content-sha256'],
      ['ArgumentValue', value],
    ]);
  }
}

/**
 * How the body is protected, from a checked x-amz-content-sha256 value. The ECDSA (SigV4a)
 * forms are valid values but not a signature this emulator verifies: 501 rather than
 * silently accepting an unverified stream.
 */
export function payloadModeOf(value: string, chunkSigning: ChunkSigningContext): PayloadMode {
  switch (value) {
    case UNSIGNED_PAYLOAD:
      return { kind: 'unsigned' };
    case STREAMING_SIGNED:
      return { kind: 'streaming-signed', trailer: false, chunkSigning };
    case STREAMING_SIGNED_TRAILER:
      return { kind: 'streaming-signed', trailer: true, chunkSigning };
    case STREAMING_UNSIGNED_TRAILER:
      return { kind: 'streaming-unsigned-trailer' };
    case ECDSA:
    case ECDSA_TRAILER:
      throw new S3Error('NotImplemented', 'SigV4a (ECDSA) streaming signatures are not supported by this emulator.');
    default:
      return { kind: 'signed', sha256: value.toLowerCase() };
  }
}
