// CLI entry: `npm run conformance -- --endpoint URL --access-key AK --secret-key SK
// [--region us-east-1] [--path-style true] [--only substring]`. Importable too:
// the mocha suite calls runConformance() in-process against the emulator.
import type { ConformanceOptions, ScenarioResult } from './types';
import { runConformance } from './runner';

export { runConformance } from './runner';
export type { ConformanceOptions, ConformanceSummary, ScenarioResult } from './types';

function parseArgs(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const eqAt = arg.indexOf('=');
    if (eqAt > 0) {
      out.set(arg.slice(2, eqAt), arg.slice(eqAt + 1));
    } else {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new Error(`missing value for ${arg}`);
      out.set(arg.slice(2), value);
      i++;
    }
  }
  return out;
}

function optionsFromCli(argv: string[]): ConformanceOptions {
  const args = parseArgs(argv);
  const endpoint = args.get('endpoint') ?? process.env.S3_ENDPOINT;
  const accessKeyId = args.get('access-key') ?? process.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = args.get('secret-key') ?? process.env.AWS_SECRET_ACCESS_KEY;
  if (!endpoint || !accessKeyId || !secretAccessKey) {
    throw new Error('need --endpoint, --access-key and --secret-key (or S3_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)');
  }
  const pathStyle = args.get('path-style');
  return {
    endpoint,
    accessKeyId,
    secretAccessKey,
    region: args.get('region') ?? process.env.AWS_REGION ?? 'us-east-1',
    pathStyle: pathStyle === undefined ? true : pathStyle !== 'false',
    only: args.get('only'),
  };
}

function row(cols: string[], widths: number[]): string {
  return cols.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
}

export function formatTable(results: ScenarioResult[]): string {
  const nameW = Math.max(8, ...results.map((r) => r.name.length));
  const widths = [nameW, 6, 7, 0];
  const lines = [row(['scenario', 'result', 'ms', 'reason'], widths), row(['-'.repeat(nameW), '------', '-------', '------'], widths)];
  for (const r of results) {
    lines.push(row([r.name, r.passed ? 'PASS' : 'FAIL', String(r.ms), r.reason ?? ''], widths));
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const opts = optionsFromCli(process.argv.slice(2));
  const summary = await runConformance({
    ...opts,
    onResult: (r) => process.stderr.write(`${r.passed ? 'pass' : 'FAIL'} ${r.name}\n`),
  });
  process.stdout.write(`${formatTable(summary.results)}\n\n`);
  // Exact closing line: CI tooling reads "N passed, N failed".
  process.stdout.write(`${summary.passed} passed, ${summary.failed} failed\n`);
  process.exitCode = summary.failed > 0 ? 1 : 0;
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  });
}
