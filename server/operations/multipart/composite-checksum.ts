import { createChecksumHasher } from '../../body/checksums';
import { S3Error } from '../../errors/s3-error';
import type { ChecksumAlgorithm, Checksums, MultipartUpload, UploadedPart } from '../../../storage/types';

/**
 * The checksum of a completed multipart object whose upload named an algorithm (COMPOSITE
 * type): the algorithm over the concatenated binary part checksums, then "-<part count>",
 * as S3 reports it. Every part must have been uploaded with that checksum.
 */
export function compositeChecksum(upload: MultipartUpload, parts: readonly UploadedPart[]): Checksums {
  const algorithm: ChecksumAlgorithm | undefined = upload.checksumAlgorithm;
  if (!algorithm || (upload.checksumType ?? 'COMPOSITE') !== 'COMPOSITE') return {};
  const hasher = createChecksumHasher(algorithm);
  for (const part of parts) {
    const value = part.checksums[algorithm];
    if (value === undefined) {
      throw new S3Error('InvalidRequest', `The upload was created using a ${algorithm.toLowerCase()} checksum. The complete request referenced part ${part.partNumber} that was uploaded without a checksum.`);
    }
    hasher.update(Buffer.from(value, 'base64'));
  }
  return { [algorithm]: `${hasher.digestBase64()}-${parts.length}` };
}

/** A part checksum named in the CompleteMultipartUpload body must equal the stored one. */
export function checkPartChecksums(requested: Readonly<Record<string, string>>, part: UploadedPart): void {
  for (const [algorithm, value] of Object.entries(requested)) {
    const stored = part.checksums[algorithm as ChecksumAlgorithm];
    if (stored !== value) {
      throw new S3Error('InvalidPart', undefined, [['PartNumber', String(part.partNumber)], ['ETag', part.etag]]);
    }
  }
}
