import { sha256Hex } from './hash';

export const ALGORITHM = 'AWS4-HMAC-SHA256';

/** "AWS4-HMAC-SHA256\n<amzDate>\n<scope>\n<hex sha256 of the canonical request>". */
export function stringToSign(amzDate: string, scope: string, canonicalRequest: string): string {
  return ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + sha256Hex(canonicalRequest);
}
