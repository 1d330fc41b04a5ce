import { PassThrough, type Readable } from 'node:stream';
import { parseEncryptionRecord } from '../../../crypto/encryption-record';
import { ObjectCryptoError } from '../../../crypto/object-crypto-error';
import type { BucketRecord, ObjectVersion } from '../../../storage/types';
import type { Deps } from '../../deps';
import type { OperationInput } from '../types';
import type { ByteRange } from './range';
import type { CustomerKey } from './sse-customer-key';
import type { SseFacts } from './sse-response';

/** What GET/HEAD report about an object's encryption, checking an SSE-C key without decrypting. */
export function describeEncryption(deps: Deps, v: ObjectVersion, customer: CustomerKey | undefined): SseFacts | undefined {
  if (v.encryption === undefined) {
    if (customer) throw new ObjectCryptoError('SsecNotApplicable', 'The encryption parameters are not applicable to this object.');
    return undefined;
  }
  const r = parseEncryptionRecord(v.encryption);
  if (r.mode === 'SSE-C') {
    if (!customer) throw new ObjectCryptoError('SsecKeyRequired');
    if (!deps.objectCrypto.verifySsecKey(r, customer.key)) throw new ObjectCryptoError('SsecKeyMismatch');
  } else if (customer) {
    throw new ObjectCryptoError('SsecNotApplicable', 'The encryption parameters are not applicable to this object.');
  }
  return { mode: r.mode, kmsKeyArn: r.kmsKeyArn, bucketKeyEnabled: r.bucketKeyEnabled, customerKeyMd5: customer?.keyMd5 };
}

/** Objects up to this size are read and decrypted in memory and sent in one write. */
export const SMALL_OBJECT_LIMIT = 256 * 1024;

function empty(): Readable {
  const s = new PassThrough();
  s.end();
  return s;
}

/**
 * The plaintext of a version (or a range of it). Keys are opened before any byte is sent,
 * so a disabled KMS key or a wrong SSE-C key is an error response, not a cut-off body.
 */
export async function openPlaintext(deps: Deps, input: Pick<OperationInput, 'auth'>, bucket: BucketRecord, v: ObjectVersion, customer: CustomerKey | undefined, range?: ByteRange): Promise<Readable> {
  const blobId = v.blobId;
  if (v.encryption === undefined) {
    if (!blobId || v.size === 0) return empty();
    return deps.blobs.read(blobId, range);
  }
  const reader = await openReader(deps, input, bucket, v, customer);
  if (!blobId) return empty();
  return reader.stream((start, end) => deps.blobs.read(blobId, { start, end }), range);
}

/** The plaintext of a small version as one buffer: no streams on the hot path of small GETs. */
export async function plaintextBytes(deps: Deps, input: Pick<OperationInput, 'auth'>, bucket: BucketRecord, v: ObjectVersion, customer: CustomerKey | undefined, range?: ByteRange): Promise<Buffer> {
  const blobId = v.blobId;
  if (!blobId || v.size === 0) return Buffer.alloc(0);
  if (v.encryption === undefined) {
    const { start, end } = range ?? { start: 0, end: v.size - 1 };
    return deps.blobs.readSync(blobId, start, end);
  }
  const reader = await openReader(deps, input, bucket, v, customer);
  return reader.bytes((start, end) => deps.blobs.readSync(blobId, start, end), range);
}

function openReader(deps: Deps, input: Pick<OperationInput, 'auth'>, bucket: BucketRecord, v: ObjectVersion, customer: CustomerKey | undefined) {
  return deps.objectCrypto.openRead(v.encryption, {
    accountId: bucket.accountId,
    region: deps.settings.region,
    principalArn: input.auth.principal.arn,
    bucket: v.bucket,
    key: v.key,
    ssecKey: customer?.key,
  });
}
