// Renders the measured cells as markdown and judges them against the targets.
import type { CellResult, RowId, ServerKind } from './types';

export const ROW_LABEL: Record<RowId, string> = {
  'put-4k-c1': '4 KiB PUT c1',
  'get-4k-c1': '4 KiB GET c1',
  'put-4k-c16': '4 KiB PUT c16',
  'get-4k-c16': '4 KiB GET c16',
  'put-64m': '64 MiB PUT',
  'get-64m': '64 MiB GET',
  'list-1000': 'LIST 1,000 keys',
};

const RSS_LIMIT_MIB = 200;

/** Minimum emulator/baseline ratio of ops/s (equal to the MiB/s ratio at fixed size). */
interface Target {
  vs: 's3rver' | 'ceiling';
  min: number;
  text: string;
}

const TARGETS: Partial<Record<RowId, Target[]>> = {
  'get-4k-c16': [
    { vs: 's3rver', min: 3, text: '≥3× s3rver' },
    { vs: 'ceiling', min: 0.4, text: '≥40% ceiling' },
  ],
  'put-4k-c16': [{ vs: 's3rver', min: 2, text: '≥2× s3rver' }],
  'get-64m': [{ vs: 's3rver', min: 1.5, text: '≥1.5× s3rver MiB/s' }],
  'put-64m': [{ vs: 's3rver', min: 1.2, text: '≥1.2× s3rver MiB/s' }],
  'list-1000': [{ vs: 's3rver', min: 20, text: '≥20× s3rver' }],
};

export interface Verdict {
  row: RowId;
  variant: ServerKind;
  vsS3rver?: number;
  vsCeiling?: number;
  target: string;
  result: 'PASS' | 'FAIL' | 'n/a';
  detail?: string;
}

function ratio(a: CellResult | undefined, b: CellResult | undefined): number | undefined {
  if (!a || !b || a.skipped || b.skipped || b.opsPerSec === 0) return undefined;
  return a.opsPerSec / b.opsPerSec;
}

export function judge(cells: CellResult[], rows: RowId[], variants: ServerKind[]): Verdict[] {
  const find = (row: RowId, server: ServerKind): CellResult | undefined =>
    cells.find((c) => c.row === row && c.server === server);
  const verdicts: Verdict[] = [];
  for (const row of rows) {
    for (const variant of variants) {
      const emu = find(row, variant);
      const vsS3rver = ratio(emu, find(row, 's3rver'));
      const vsCeiling = ratio(emu, find(row, 'ceiling'));
      const targets = TARGETS[row] ?? [];
      const target = [...targets.map((t) => t.text), `RSS < ${RSS_LIMIT_MIB} MiB`].join(', ');
      if (!emu || emu.skipped) {
        verdicts.push({ row, variant, target, result: 'n/a', detail: emu?.skipped });
        continue;
      }
      const failed: string[] = [];
      for (const t of targets) {
        const r = t.vs === 's3rver' ? vsS3rver : vsCeiling;
        if (r === undefined || r < t.min) failed.push(t.text);
      }
      if (emu.peakRssMiB >= RSS_LIMIT_MIB) failed.push('RSS');
      if (emu.errors > 0) failed.push(`${emu.errors} errors`);
      verdicts.push({
        row,
        variant,
        vsS3rver,
        vsCeiling,
        target,
        result: failed.length ? 'FAIL' : 'PASS',
        detail: failed.length ? failed.join('; ') : undefined,
      });
    }
  }
  return verdicts;
}

const num = (v: number, digits: number): string => (Number.isFinite(v) ? v.toFixed(digits) : '-');
const times = (v: number | undefined): string => (v === undefined ? '-' : `${v.toFixed(2)}×`);

export function renderMarkdown(cells: CellResult[], verdicts: Verdict[], header: string): string {
  const out: string[] = [header, ''];
  out.push('| Row | Server | ops/s | MiB/s | p50 ms | p99 ms | peak RSS MiB | client CPU | errors |');
  out.push('|---|---|--:|--:|--:|--:|--:|--:|--:|');
  for (const c of cells) {
    if (c.skipped) {
      out.push(`| ${ROW_LABEL[c.row]} | ${c.server} | ${c.skipped} | | | | | | |`);
      continue;
    }
    const errors = c.errors ? `${c.errors} (${c.firstError ?? ''})` : '0';
    out.push(
      `| ${ROW_LABEL[c.row]} | ${c.server} | ${num(c.opsPerSec, c.opsPerSec < 100 ? 2 : 0)} | ` +
        `${num(c.mibPerSec, 1)} | ${num(c.p50Ms, 2)} | ${num(c.p99Ms, 2)} | ${num(c.peakRssMiB, 0)} | ${num(c.clientCpuPct, 0)}% | ${errors} |`,
    );
  }
  out.push('', '| Row | Variant | emu/s3rver | emu/ceiling | Target | Result |');
  out.push('|---|---|--:|--:|---|---|');
  for (const v of verdicts) {
    const result = v.detail ? `${v.result} (${v.detail})` : v.result;
    out.push(
      `| ${ROW_LABEL[v.row]} | ${v.variant} | ${times(v.vsS3rver)} | ${times(v.vsCeiling)} | ${v.target} | ${result} |`,
    );
  }
  return out.join('\n');
}
