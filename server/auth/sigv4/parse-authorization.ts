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
/** The form every SDK sends; anything else takes the general parser (same result). */
const COMMON_FORM = /^AWS4-HMAC-SHA256 Credential=([^,\s]+), ?SignedHeaders=([^,\s]*), ?Signature=([^,\s]*)$/;

export function parseAuthorization(header: string): ParsedAuthorization {
  const m = COMMON_FORM.exec(header);
  if (m !== null) return parsed(m[1] as string, m[2] as string, m[3] as string);
  const space = header.indexOf(' ');
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm !== ALGORITHM) {
    throw new S3Error('InvalidRequest', 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.');
  }
  // A field named twice counts as its last value; unknown fields are ignored.
  let cred: string | undefined;
  let signed: string | undefined;
  let signature: string | undefined;
  for (const part of header.slice(space + 1).split(',')) {
    const p = part.trim();
    if (p === '') continue;
    const eq = p.indexOf('=');
    if (eq < 0) throw new S3Error('AuthorizationHeaderMalformed', THREE_COMPONENTS);
    const name = p.slice(0, eq).trim();
    if (name === 'Credential') cred = p.slice(eq + 1).trim();
    else if (name === 'SignedHeaders') signed = p.slice(eq + 1).trim();
    else if (name === 'Signature') signature = p.slice(eq + 1).trim();
  }
  if (cred === undefined || signed === undefined || signature === undefined) {
    throw new S3Error('AuthorizationHeaderMalformed', THREE_COMPONENTS);
  }
  return parsed(cred, signed, signature);
}

function parsed(cred: string, signed: string, signature: string): ParsedAuthorization {
  return {
    credential: parseCredential(cred, HEADER_STYLE),
    signedHeaders: signed === '' ? [] : signed.toLowerCase().split(';'),
    signature,
  };
}
