import fs from 'node:fs';
import path from 'node:path';

/**
 * Where the servers under test keep their files: one fresh directory per process under
 * S3EMU_BENCH_DIR, else `.bench-data` at the repository root. Not os.tmpdir(): on some
 * machines /tmp is monitored and file creation there costs ~15x more, which would
 * measure the sandbox rather than the servers. Both servers use the same place.
 */
export function scratchDir(prefix: string): { dir: string; remove(): void } {
  const root = process.env.S3EMU_BENCH_DIR ?? path.resolve(__dirname, '../../../../.bench-data');
  fs.mkdirSync(root, { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, `${prefix}-`));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
