import { S3Error } from '../../errors/s3-error';
import { parseXml } from '../../xml/xml-reader';
import { element, toXml } from '../../xml/xml-writer';
import { requireBucket } from '../shared/bucket-guard';
import { deleteBlobsLater } from '../shared/write-blob';
import type { OperationSpec } from '../types';
import { StorageError } from '../../../storage/types';

/** DeleteObjects accepts at most 1,000 keys per request. */
const MAX_KEYS = 1000;

/**
 * DeleteObjects — https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html
 * Requires an integrity header (Content-MD5 or an x-amz-checksum-*), as S3 does.
 * In Quiet mode only errors are listed.
 */
export const deleteObjects: OperationSpec = {
  name: 'DeleteObjects',
  method: 'POST',
  target: 'bucket',
  subresource: 'delete',
  body: 'xml',
  actions: () => ['s3:DeleteObject'],
  async handler(input, deps) {
    const bucket = requireBucket(deps, input.bucket);
    const hasIntegrity = input.headers['content-md5'] !== undefined
      || Object.keys(input.headers).some((h) => h.startsWith('x-amz-checksum-') && h !== 'x-amz-checksum-mode')
      || input.headers['x-amz-sdk-checksum-algorithm'] !== undefined;
    if (!hasIntegrity) throw new S3Error('InvalidRequest', 'Missing required header for this request: Content-MD5');
    const { root, node } = await parseXml(input.xml ?? Buffer.alloc(0));
    if (root !== 'Delete') throw new S3Error('MalformedXML');
    const quiet = node.childText('Quiet')?.toLowerCase() === 'true';
    const objects = node.children('Object');
    if (objects.length === 0 || objects.length > MAX_KEYS) throw new S3Error('MalformedXML');
    const parts: string[] = [];
    for (const o of objects) {
      const key = o.childText('Key');
      if (key === undefined) throw new S3Error('MalformedXML');
      const versionId = o.childText('VersionId') || undefined;
      try {
        const r = deps.store.deleteObject(bucket.name, key, versionId, deps.clock.now(), bucket.accountId);
        deleteBlobsLater(deps, r.garbageBlobIds);
        if (quiet) continue;
        parts.push(element('Deleted', {
          Key: key,
          VersionId: versionId,
          DeleteMarker: r.deleteMarker ? true : r.removed?.isDeleteMarker ? true : undefined,
          DeleteMarkerVersionId: r.deleteMarker && bucket.versioning !== 'Unversioned' ? r.deleteMarker.versionId : r.removed?.isDeleteMarker ? r.removed.versionId : undefined,
        }));
      } catch (e) {
        if (!(e instanceof StorageError)) throw e;
        parts.push(element('Error', { Key: key, VersionId: versionId, Code: e.tag === 'NoSuchVersion' ? 'NoSuchVersion' : 'InternalError', Message: e.tag === 'NoSuchVersion' ? 'The specified version does not exist.' : 'We encountered an internal error. Please try again.' }));
      }
    }
    const doc = toXml('DeleteResult', {}).replace('</DeleteResult>', `${parts.join('')}</DeleteResult>`);
    return { status: 200, body: doc };
  },
};
