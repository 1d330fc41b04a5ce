import type { S3Error } from './s3-error';

/**
 * How the JSON services (KMS) name the failures authentication raises: they answer 400
 * with `{"__type", "message"}` rather than S3's XML.
 */
const JSON_NAMES: Readonly<Record<string, readonly [number, string]>> = {
  SignatureDoesNotMatch: [400, 'InvalidSignatureException'],
  RequestTimeTooSkewed: [400, 'InvalidSignatureException'],
  AuthorizationHeaderMalformed: [400, 'IncompleteSignatureException'],
  AuthorizationQueryParametersError: [400, 'IncompleteSignatureException'],
  InvalidAccessKeyId: [400, 'UnrecognizedClientException'],
  InvalidToken: [400, 'UnrecognizedClientException'],
  ExpiredToken: [400, 'ExpiredTokenException'],
  AccessDenied: [400, 'AccessDeniedException'],
  InternalError: [500, 'KMSInternalException'],
};

export function jsonErrorOf(err: S3Error): { status: number; body: { __type: string; message: string } } {
  const mapped = JSON_NAMES[err.code];
  const message = err.code === 'InvalidAccessKeyId' ? 'The security token included in the request is invalid.' : err.message;
  if (mapped) return { status: mapped[0], body: { __type: mapped[1], message } };
  return { status: err.status >= 500 ? 500 : 400, body: { __type: err.code === 'InvalidArgument' ? 'ValidationException' : err.code, message } };
}
