/** Parses "YYYYMMDDTHHMMSSZ" (ISO 8601 basic); undefined when malformed. */
export function parseAmzDate(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (m === null) return undefined;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  const d = new Date(t);
  // Reject rolled-over values such as month 13 or second 61.
  if (d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3] || d.getUTCHours() !== +m[4]) return undefined;
  return d;
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** Date → "YYYYMMDDTHHMMSSZ". */
export function formatAmzDate(d: Date): string {
  const y = d.getUTCFullYear();
  // Every verified request formats its date: the string is built without toISOString and
  // two regular expressions. Years outside 1000-9999 (and invalid dates) take the old path.
  if (!(y >= 1000 && y <= 9999)) return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return String(y) + pad2(d.getUTCMonth() + 1) + pad2(d.getUTCDate()) + 'T' + pad2(d.getUTCHours()) + pad2(d.getUTCMinutes()) + pad2(d.getUTCSeconds()) + 'Z';
}

/** Date → "2026-01-01T00:00:00Z", the form AWS puts in Expires and ServerTime. */
export function formatIsoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
