import { requireBucket } from '../shared/bucket-guard';
import { versionIdParam } from '../shared/find-version';
import { deleteBlobsLater } from '../shared/write-blob';
import type { OperationSpec } from '../types';
import { versionIdHeader } from '../shared/object-headers';

/**
 * DeleteObject — https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html
 * 204 whether or not the key existed, as S3 answers.
 */
export const deleteObject: OperationSpec = {
  name: 'DeleteObject',
  method: 'DELETE',
  target: 'object',
  when: (q) => !q.has('uploadId'),
  body: 'none',
  actions: (i) => (i.query.has('versionId') ? ['s3:DeleteObjectVersion'] : ['s3:DeleteObject']),
  async handler(input, deps) {
    const bucket = requireBucket(deps, input.bucket);
    const versionId = versionIdParam(input.query);
    const result = deps.store.deleteObject(bucket.name, input.key, versionId, deps.clock.now(), bucket.accountId);
    deleteBlobsLater(deps, result.garbageBlobIds);
    const headers: Record<string, string | undefined> = {};
    if (result.deleteMarker) {
      headers['x-amz-delete-marker'] = 'true';
      headers['x-amz-version-id'] = versionIdHeader(bucket, result.deleteMarker.versionId);
    } else if (versionId !== undefined) {
      headers['x-amz-version-id'] = versionId;
      if (result.removed?.isDeleteMarker) headers['x-amz-delete-marker'] = 'true';
    }
    return { status: 204, headers };
  },
};
