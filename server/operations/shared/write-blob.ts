import type { Readable } from 'node:stream';
import type { Deps } from '../../deps';
import type { BodyDigests, BodyStream } from '../types';

export interface WrittenBlob {
  readonly blobId: string;
  readonly digests: BodyDigests;
}

/**
 * Streams a verified body into the blob store. The verifier errors before end-of-stream on
 * any digest or signature mismatch, so a bad body never becomes a committed blob; a blob
 * written but not committed is deleted here, and anything left by a crash is swept at start.
 */
export async function writeBlob(deps: Deps, body: BodyStream, transform?: (s: Readable) => Readable): Promise<WrittenBlob> {
  const source = transform ? transform(body.stream) : body.stream;
  const written = await deps.blobs.write(source);
  try {
    const digests = await body.result();
    return { blobId: written.blobId, digests };
  } catch (e) {
    await deps.blobs.delete(written.blobId).catch(() => undefined);
    throw e;
  }
}

export function deleteBlobsLater(deps: Deps, ids: readonly string[]): void {
  for (const id of ids) {
    deps.blobs.delete(id).catch((e: unknown) => deps.log.warn('blob delete failed', { blobId: id, error: String(e) }));
  }
}
