import { S3Error } from '../../errors/s3-error';

export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Parses a single HTTP byte range as S3 does: syntactically invalid or multi-range headers
 * are ignored (the whole object is returned); a range starting past the end is 416.
 */
export function parseRange(value: string | undefined, size: number): ByteRange | undefined {
  if (!value) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!m) return undefined;
  const [, a, b] = m;
  if (a === '' && b === '') return undefined;
  if (a === '') {
    const n = Number(b);
    if (n === 0) throw unsatisfiable(value, size);
    return size === 0 ? undefined : { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(a);
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (b !== '' && Number(b) < start) return undefined;
  if (start >= size) throw unsatisfiable(value, size);
  return { start, end };
}

function unsatisfiable(value: string, size: number): S3Error {
  return new S3Error('InvalidRange', undefined, [['RangeRequested', value], ['ActualObjectSize', String(size)]], { 'Content-Range': `bytes */${size}` });
}
