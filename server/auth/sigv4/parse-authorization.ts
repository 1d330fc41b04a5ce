import { S3Error } from '../../errors/s3-error';
import { CredentialScope, HEADER_STYLE, parseCredential } from './parse-credential';
import { ALGORITHM } from './string-to-sign';

export interface ParsedAuthorization {
  readonly credential: CredentialScope;
  /** Lower-case, in the order the client listed them (which is what it signed). */
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

const THREE_COMPONENTS =
  'The authorization header is malformed; the authorization header requires three components: Credential, SignedHeaders, and Signature.';

/**
 * "AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, SignedHeaders=a;b,
 * Signature=hex". Separators are ',' with optional spaces (the SDKs send ", ", AWS's own
 * examples ","), so both parse.
 */
export function parseAuthorization(header: string): ParsedAuthorization {
  const space = header.indexOf(' ');
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm !== ALGORITHM) {
    throw new S3Error('InvalidRequest', 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.');
  }
  const fields = new Map<string, string>();
  for (const part of header.slice(space + 1).split(',')) {
    const p = part.trim();
    if (p === '') continue;
    const eq = p.indexOf('=');
    if (eq < 0) throw new S3Error('AuthorizationHeaderMalformed', THREE_COMPONENTS);
    fields.set(p.slice(0, eq).trim(), p.slice(eq + 1).trim());
  }
  const cred = fields.get('Credential');
  const signed = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (cred === undefined || signed === undefined || signature === undefined) {
    throw new S3Error('AuthorizationHeaderMalformed', THREE_COMPONENTS);
  }
  return {
    credential: parseCredential(cred, HEADER_STYLE),
    signedHeaders: signed === '' ? [] : signed.toLowerCase().split(';'),
    signature,
  };
}
