import { S3Error } from '../../errors/s3-error';

/** max-keys: 0..1000 effective (larger values are capped, as S3 does); non-numeric is 400. */
export function maxKeys(query: URLSearchParams, name = 'max-keys'): number {
  const raw = query.get(name);
  if (raw === null) return 1000;
  if (!/^-?\d+$/.test(raw)) throw new S3Error('InvalidArgument', 'Provided max-keys not an integer or within integer range', [['ArgumentName', name], ['ArgumentValue', raw]]);
  const n = Number(raw);
  if (n < 0) throw new S3Error('InvalidArgument', 'Argument maxKeys must be an integer between 0 and 2147483647', [['ArgumentName', name], ['ArgumentValue', raw]]);
  return Math.min(n, 1000);
}

export function encodingType(query: URLSearchParams): 'url' | undefined {
  const v = query.get('encoding-type');
  if (v === null) return undefined;
  if (v.toLowerCase() !== 'url') throw new S3Error('InvalidArgument', 'Invalid Encoding Method specified in Request', [['ArgumentName', 'encoding-type'], ['ArgumentValue', v]]);
  return 'url';
}

/** encoding-type=url: keys as S3 encodes them (form-style, '/' kept). */
export function encoder(type: 'url' | undefined): (s: string | undefined) => string | undefined {
  if (type !== 'url') return (s) => s;
  return (s) => (s === undefined ? undefined : encodeURIComponent(s).replace(/%2F/g, '/').replace(/%20/g, '+').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`));
}

export function optionalParam(query: URLSearchParams, name: string): string | undefined {
  const v = query.get(name);
  return v === null || v === '' ? undefined : v;
}

/** The parameters every listing shares: encoding, prefix and delimiter. */
export function listingScope(query: URLSearchParams): {
  type: 'url' | undefined;
  enc: (s: string | undefined) => string | undefined;
  prefix: string | undefined;
  delimiter: string | undefined;
} {
  const type = encodingType(query);
  return { type, enc: encoder(type), prefix: optionalParam(query, 'prefix'), delimiter: optionalParam(query, 'delimiter') };
}
