// `npm run bench`: one matrix, every server side by side, markdown to stdout,
// JSON to test/bench/results/latest.json. Flags: --quick, --only <row[,row...]>.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { S3Client } from './client';
import { percentile, runLoad } from './load';
import { judge, judgeEncryption, renderMarkdown, ROW_LABEL } from './report';
import { planRow } from './rows';
import { ServerProcess } from './server-process';
import { ALL_ROWS, KMS_ROWS, type CellResult, type RowId, type ServerKind } from './types';
import { emulatorSupportsDurable } from './variants';

const RESULTS_DIR = path.resolve(__dirname, '../../../test/bench/results');
const MIB = 1024 * 1024;

interface Args {
  quick: boolean;
  rows: RowId[];
}

function isRowId(s: string): s is RowId {
  return (ALL_ROWS as readonly string[]).includes(s);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, rows: [...ALL_ROWS] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--quick') args.quick = true;
    else if (argv[i] === '--only') {
      const wanted = (argv[++i] ?? '').split(',').filter(Boolean);
      const bad = wanted.filter((w) => !isRowId(w));
      if (wanted.length === 0 || bad.length) {
        throw new Error(`--only expects one or more of: ${ALL_ROWS.join(', ')} (got "${bad.join(',')}")`);
      }
      args.rows = wanted.filter(isRowId);
    } else throw new Error(`unknown argument ${argv[i]}; use --quick and/or --only <row>`);
  }
  return args;
}

function emptyCell(row: RowId, server: ServerKind, skipped: string): CellResult {
  return { row, server, skipped, ops: 0, errors: 0, seconds: 0, opsPerSec: 0, mibPerSec: 0, p50Ms: 0, p99Ms: 0, peakRssMiB: 0, clientCpuPct: 0 };
}

/** One (row, server) cell on a fresh server process, so rows cannot pollute each other's RSS. */
async function runCell(row: RowId, kind: ServerKind, quick: boolean): Promise<CellResult> {
  let started = await ServerProcess.start(kind);
  // One retry: dist/ is shared with concurrent builds, which can catch a file mid-write.
  if (!started.ok && !started.reason.startsWith('emulator not built')) started = await ServerProcess.start(kind);
  if (!started.ok) return emptyCell(row, kind, started.reason);
  const server = started.server;
  const plan = planRow(row, quick);
  // 16 connections for every row: setup fills in parallel, and a c1 loop reuses one.
  const client = new S3Client(server.endpoint, 16);
  try {
    const bucket = await client.createBucket();
    if (bucket.status !== 200) throw new Error(`create bucket: HTTP ${bucket.status}`);
    await plan.setup(client);
    const { op, ...bounds } = plan.load;
    if (plan.warmupOps > 0) {
      // Offset indices so warm-up PUTs never share keys with the timed ones.
      await runLoad({ ...bounds, maxOps: plan.warmupOps, op: (i) => op(client, 1_000_000 + i) });
    }
    server.beginPeakWindow();
    const cpu0 = process.cpuUsage();
    const res = await runLoad({ ...bounds, op: (i) => op(client, i) });
    const cpu = process.cpuUsage(cpu0);
    const peakRssMiB = server.endPeakWindow();
    return {
      row,
      server: kind,
      ops: res.ops,
      errors: res.errors,
      firstError: res.firstError,
      seconds: res.seconds,
      opsPerSec: res.ops / res.seconds,
      mibPerSec: res.bytes / MIB / res.seconds,
      p50Ms: percentile(res.latenciesMs, 50),
      p99Ms: percentile(res.latenciesMs, 99),
      peakRssMiB,
      clientCpuPct: ((cpu.user + cpu.system) / 1e4) / res.seconds,
    };
  } catch (err) {
    return emptyCell(row, kind, `failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await client.close();
    await server.stop();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const loadAtStart = os.loadavg()[0];
  const variants: ServerKind[] = emulatorSupportsDurable() ? ['emulator', 'emulator-fsync'] : ['emulator'];
  const servers: ServerKind[] = [...variants, 's3rver', 'ceiling'];
  const cells: CellResult[] = [];
  // Row-major, so all servers of a row run back to back under the same conditions.
  for (const row of args.rows) {
    // SSE-KMS rows: emulator variants only (s3rver and the ceiling have no KMS).
    for (const kind of KMS_ROWS.includes(row) ? variants : servers) {
      process.stderr.write(`bench: ${ROW_LABEL[row]} on ${kind}... `);
      const cell = await runCell(row, kind, args.quick);
      process.stderr.write(cell.skipped ? `${cell.skipped}\n` : `${cell.opsPerSec.toFixed(1)} ops/s\n`);
      cells.push(cell);
    }
  }
  const verdicts = judge(cells, args.rows, variants);
  const encryption = judgeEncryption(cells, variants);
  const cpu = os.cpus();
  const header =
    `## Bench ${new Date().toISOString()}${args.quick ? ' (--quick)' : ''}\n\n` +
    `Node ${process.version}, ${cpu.length} CPU (${cpu[0]?.model ?? 'unknown'}), ` +
    // Other work on the box skews every server alike but widens the noise; say so.
    `load average ${loadAtStart.toFixed(2)} before the first row, ${os.loadavg()[0].toFixed(2)} after the last; ` +
    `client and servers share the machine, each server in its own process. ` +
    `SigV4 header auth on every request, x-amz-content-sha256 = payload sha256; ` +
    `SSE-KMS rows also send and sign x-amz-server-side-encryption: aws:kms (AWS managed key).`;
  process.stdout.write(`${renderMarkdown(cells, verdicts, encryption, header)}\n`);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const json = { generatedAt: new Date().toISOString(), quick: args.quick, node: process.version, cpus: cpu.length, cells, verdicts, encryption };
  fs.writeFileSync(path.join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
