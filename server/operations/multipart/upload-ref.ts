import type { Deps } from '../../deps';
import { S3Error } from '../../errors/s3-error';
import type { MultipartUpload } from '../../../storage/types';

/** The upload named by ?uploadId, which must belong to this bucket and key. */
export function requireUpload(deps: Deps, bucket: string, key: string, query: URLSearchParams): MultipartUpload {
  const uploadId = query.get('uploadId') ?? '';
  const upload = uploadId ? deps.store.getUpload(uploadId) : undefined;
  if (!upload || upload.bucket !== bucket || upload.key !== key) {
    throw new S3Error('NoSuchUpload', undefined, [['UploadId', uploadId]]);
  }
  return upload;
}

export function partNumberParam(query: URLSearchParams): number {
  const raw = query.get('partNumber') ?? '';
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 10000) {
    throw new S3Error('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', [['ArgumentName', 'partNumber'], ['ArgumentValue', raw]]);
  }
  return Number(raw);
}

export const isPartRequest = (q: URLSearchParams): boolean => q.has('uploadId') && q.has('partNumber');
