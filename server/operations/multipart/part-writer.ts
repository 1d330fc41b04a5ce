import { parseUploadEncryption } from '../../../crypto/encryption-record';
import type { ObjectWriter } from '../../../crypto/object-crypto';
import type { Deps } from '../../deps';
import { S3Error } from '../../errors/s3-error';
import type { MultipartUpload } from '../../../storage/types';
import type { SseChoice } from '../shared/sse-request';
import { readCustomerKey } from '../shared/sse-request';
import type { OperationInput } from '../types';

/**
 * A part is encrypted the way CreateMultipartUpload fixed, each with its own data key;
 * an SSE-C upload needs the same customer key on every part.
 */
export async function partWriter(input: OperationInput, deps: Deps, upload: MultipartUpload, partNumber: number): Promise<{ writer: ObjectWriter; choice: SseChoice }> {
  const settings = parseUploadEncryption(upload.encryption);
  const customer = readCustomerKey(input, deps);
  if (settings.mode === 'SSE-C' && !customer) {
    throw new S3Error('InvalidRequest', 'The multipart upload initiate requested encryption. Subsequent part requests must include the appropriate encryption parameters.');
  }
  if (settings.mode !== 'SSE-C' && customer) {
    throw new S3Error('InvalidRequest', 'The multipart upload initiate did not request encryption with customer provided keys.');
  }
  const writer = await deps.objectCrypto.beginPart(upload.encryption, {
    accountId: settings.accountId,
    region: deps.settings.region,
    principalArn: input.auth.principal.arn,
    bucket: upload.bucket,
    key: upload.key,
    partNumber,
    ssecKey: customer?.key,
  });
  return { writer, choice: { mode: settings.mode, kmsKeyId: settings.kmsKeyArn, bucketKeyEnabled: settings.bucketKeyEnabled, context: settings.userContext, customer } };
}
