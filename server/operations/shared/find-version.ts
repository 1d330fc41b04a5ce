import type { Deps } from '../../deps';
import { S3Error } from '../../errors/s3-error';
import type { BucketRecord, ObjectVersion } from '../../../storage/types';
import { isWellFormedVersionId } from '../../../storage/opaque-id';
import { httpDate } from './http-date';

/** '?versionId=null' names the null version (rclone asks for it on unversioned buckets). */
export function versionIdParam(query: URLSearchParams): string | undefined {
  const v = query.get('versionId');
  if (v === null) return undefined;
  if (v === '') throw new S3Error('InvalidArgument', 'Version id cannot be the empty string', [['ArgumentName', 'versionId'], ['ArgumentValue', '']]);
  if (v !== 'null' && !isWellFormedVersionId(v)) throw new S3Error('InvalidArgument', 'Invalid version id specified', [['ArgumentName', 'versionId'], ['ArgumentValue', v]]);
  return v;
}

/**
 * The version a GET/HEAD addresses. A latest delete marker is 404 NoSuchKey; a delete
 * marker named by versionId is 405 MethodNotAllowed; both say x-amz-delete-marker: true.
 */
export function findReadableVersion(deps: Deps, bucket: BucketRecord, key: string, versionId: string | undefined, method = 'GET'): ObjectVersion {
  const v = deps.store.getObject(bucket.name, key, versionId);
  if (!v) {
    if (versionId !== undefined) {
      throw new S3Error('NoSuchVersion', undefined, [['Key', key], ['VersionId', versionId]]);
    }
    throw new S3Error('NoSuchKey', undefined, [['Key', key]]);
  }
  if (v.isDeleteMarker) {
    const headers = { 'x-amz-delete-marker': 'true', 'x-amz-version-id': v.versionId };
    if (versionId !== undefined) {
      throw new S3Error('MethodNotAllowed', undefined, [['Method', method], ['ResourceType', 'DeleteMarker']], { ...headers, Allow: 'DELETE', 'Last-Modified': httpDate(v.lastModified) });
    }
    throw new S3Error('NoSuchKey', undefined, [['Key', key]], headers);
  }
  return v;
}
