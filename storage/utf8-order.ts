/**
 * S3 orders keys by their UTF-8 bytes. SQLite's BINARY collation memcmps the UTF-8 text,
 * and UTF-8 byte order equals code point order, so bounds are computed on code points and
 * always bound as TEXT (never BLOB: SQLite sorts every TEXT before every BLOB).
 */

/** The smallest string strictly greater than `s`: appending U+0000 (keys are compared by length after memcmp). */
export function keyAfter(s: string): string {
  return `${s}\u0000`;
}

/**
 * The smallest string greater than every string starting with `prefix` (exclusive upper
 * bound of the prefix range), or undefined when no such string exists (all U+10FFFF).
 * Incrementing the last code point skips the surrogate gap, which UTF-8 cannot encode.
 */
export function prefixSuccessor(prefix: string): string | undefined {
  const points = Array.from(prefix);
  while (points.length > 0) {
    const last = points.pop()?.codePointAt(0) ?? 0x10ffff;
    if (last < 0x10ffff) {
      const next = last === 0xd7ff ? 0xe000 : last + 1;
      return points.join('') + String.fromCodePoint(next);
    }
  }
  return undefined;
}

/** UTF-8 byte order comparison, for the rare places JS must compare keys (UTF-16 `<` differs above U+FFFF). */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The common prefix `key` rolls up into under `prefix` + `delimiter`, if any. */
export function rollUp(key: string, prefix: string, delimiter: string | undefined): string | undefined {
  if (!delimiter || !key.startsWith(prefix)) return undefined;
  const at = key.indexOf(delimiter, prefix.length);
  return at < 0 ? undefined : key.slice(0, at + delimiter.length);
}
