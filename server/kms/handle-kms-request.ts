import type { KmsCore } from '../../crypto/kms/kms-core';
import { isKmsError } from '../../crypto/kms/kms-error';
import type { KmsCaller } from '../../crypto/kms/types';
import { KMS_OPERATIONS } from './kms-operations';
import { asBody, toJson } from './kms-json';

export interface KmsResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

const PREFIX = 'TrentService.';

/**
 * The KMS JSON 1.1 front end, free of Koa: `target` is the X-Amz-Target header, `body` the
 * parsed JSON. Errors become `{ __type, message }` with status 400 (AWS's shape); anything
 * that is not a KmsError is rethrown for the server's one error responder.
 */
export async function handleKmsRequest(target: string, body: unknown, caller: KmsCaller, kms: KmsCore): Promise<KmsResponse> {
  const name = target.startsWith(PREFIX) ? target.slice(PREFIX.length) : '';
  const op = Object.prototype.hasOwnProperty.call(KMS_OPERATIONS, name) ? KMS_OPERATIONS[name] : undefined;
  if (!op) return { status: 400, body: { __type: 'UnknownOperationException' } };
  try {
    const result = op(asBody(body), caller, kms);
    return { status: 200, body: toJson(result) as Record<string, unknown> };
  } catch (e) {
    if (!isKmsError(e)) throw e;
    // AWS sends InvalidCiphertextException with no message; keep that.
    return { status: e.status, body: e.message ? { __type: e.code, message: e.message } : { __type: e.code } };
  }
}

/** The KMS operation names served, for the router and the docs. */
export const KMS_OPERATION_NAMES: readonly string[] = Object.keys(KMS_OPERATIONS);
