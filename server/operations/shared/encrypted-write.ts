import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { EncryptionRecord } from '../../../crypto/encryption-record';
import type { ObjectWriter } from '../../../crypto/object-crypto';
import type { Deps } from '../../deps';
import type { BodyDigests, BodyStream, OperationInput } from '../types';
import { chain } from './chain';
import { Md5Stream } from './md5-stream';
import type { SseChoice } from './sse-request';
import type { SseFacts } from './sse-response';
import { deleteBlobsLater, writeBlob } from './write-blob';

export interface EncryptedBlob {
  readonly blobId: string;
  readonly size: number;
  readonly md5Hex: string;
  readonly checksums: BodyDigests['checksums'];
  readonly record: EncryptionRecord;
  readonly sse: SseFacts;
  /** S3's ETag: the MD5 for plaintext and SSE-S3, not an MD5 for SSE-KMS, DSSE and SSE-C. */
  readonly etag: string;
}

export function writeParams(input: OperationInput, deps: Deps, accountId: string, key: string, choice: SseChoice) {
  return {
    mode: choice.mode,
    accountId,
    region: deps.settings.region,
    principalArn: input.auth.principal.arn,
    bucket: input.bucket,
    key,
    kmsKeyId: choice.kmsKeyId,
    context: choice.context,
    bucketKeyEnabled: choice.bucketKeyEnabled,
    ssecKey: choice.customer?.key,
  };
}

export function etagFor(mode: SseChoice['mode'], md5Hex: string): string {
  return mode === 'AES256' ? `"${md5Hex}"` : `"${randomBytes(16).toString('hex')}"`;
}

function factsOf(writer: ObjectWriter, choice: SseChoice): SseFacts {
  return { mode: choice.mode, kmsKeyArn: writer.kmsKeyArn, bucketKeyEnabled: writer.bucketKeyEnabled, context: choice.context, customerKeyMd5: choice.customer?.keyMd5 };
}

/** A verified request body, encrypted on its way to disk. */
export async function writeEncryptedBody(deps: Deps, body: BodyStream, writer: ObjectWriter, choice: SseChoice): Promise<EncryptedBlob> {
  const { blobId, digests } = await writeBlob(deps, body, (s) => chain(s, writer.transform));
  try {
    const record = writer.record(digests.size);
    return { blobId, size: digests.size, md5Hex: digests.md5Hex, checksums: digests.checksums, record, sse: factsOf(writer, choice), etag: etagFor(choice.mode, digests.md5Hex) };
  } catch (e) {
    deleteBlobsLater(deps, [blobId]);
    throw e;
  }
}

/** Plaintext from elsewhere (a copy source), hashed for the ETag and encrypted to disk. */
export async function writeEncryptedStream(deps: Deps, plain: Readable, writer: ObjectWriter, choice: SseChoice): Promise<EncryptedBlob> {
  const hashing = new Md5Stream();
  const written = await deps.blobs.write(chain(chain(plain, hashing), writer.transform));
  try {
    const md5Hex = hashing.digestHex();
    const record = writer.record(hashing.size);
    return { blobId: written.blobId, size: hashing.size, md5Hex, checksums: {}, record, sse: factsOf(writer, choice), etag: etagFor(choice.mode, md5Hex) };
  } catch (e) {
    deleteBlobsLater(deps, [written.blobId]);
    throw e;
  }
}
