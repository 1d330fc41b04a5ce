import type { IncomingHttpHeaders } from 'node:http';
import type { Deps } from '../../deps';
import { S3Error } from '../../errors/s3-error';
import { header } from './header';

/**
 * Conditional writes (PutObject, CompleteMultipartUpload): If-None-Match: * refuses to
 * overwrite an existing object, If-Match requires the current ETag. Checked before the
 * body is read and again just before the commit.
 */
export function checkConditionalWrite(deps: Deps, bucket: string, key: string, headers: IncomingHttpHeaders): void {
  const ifNoneMatch = header(headers, 'if-none-match');
  const ifMatch = header(headers, 'if-match');
  if (ifNoneMatch === undefined && ifMatch === undefined) return;
  const current = deps.store.getObject(bucket, key);
  const exists = current !== undefined && !current.isDeleteMarker;
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() !== '*') throw new S3Error('NotImplemented', 'If-None-Match on writes supports only the value *.');
    if (exists) throw new S3Error('PreconditionFailed', undefined, [['Condition', 'If-None-Match']]);
  }
  if (ifMatch !== undefined) {
    if (!exists) throw new S3Error('NoSuchKey', undefined, [['Key', key]]);
    const wanted = ifMatch.split(',').map((t) => t.trim().replace(/"/g, ''));
    if (!wanted.includes(current.etag.replace(/"/g, '')) && !wanted.includes('*')) {
      throw new S3Error('PreconditionFailed', undefined, [['Condition', 'If-Match']]);
    }
  }
}
