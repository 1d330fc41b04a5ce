// Parent side of a server child: fork, wait for its endpoint, track its peak RSS, stop.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ChildMessage, Endpoint, ServerKind, StopMessage } from './types';

const ENTRY: Record<ServerKind, string> = {
  emulator: 'emulator-entry.js',
  'emulator-fsync': 'emulator-entry.js',
  s3rver: 's3rver-entry.js',
  ceiling: 'ceiling-entry.js',
};

const READY_TIMEOUT_MS = 30_000;
const SAMPLE_MS = 50;

function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // process gone or no procfs: report 0 rather than abort the run
  }
}

export type StartResult = { ok: true; server: ServerProcess } | { ok: false; reason: string };

export class ServerProcess {
  private sampledKiB = 0;
  private hwmReset = false;
  private sampler: NodeJS.Timeout | undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly endpoint: Endpoint,
  ) {}

  static async start(kind: ServerKind): Promise<StartResult> {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.S3EMU_FSYNC;
    if (kind === 'emulator-fsync') env.S3EMU_FSYNC = '1';
    const args = kind === 'emulator-fsync' ? ['--durable'] : [];
    // stdout ignored (servers may log per request); stderr kept so crashes show.
    const child = fork(path.join(__dirname, 'servers', ENTRY[kind]), args, {
      env,
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const msg = await new Promise<ChildMessage>((resolve) => {
      const timer = setTimeout(
        () => resolve({ type: 'unavailable', reason: 'did not become ready in 30 s' }),
        READY_TIMEOUT_MS,
      );
      child.once('message', (m: ChildMessage) => {
        clearTimeout(timer);
        resolve(m);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ type: 'unavailable', reason: `exited with code ${String(code)} before ready` });
      });
    });
    if (msg.type !== 'ready') {
      child.kill();
      return { ok: false, reason: msg.reason };
    }
    const { endpoint, accessKeyId, secretAccessKey } = msg;
    return { ok: true, server: new ServerProcess(child, { endpoint, accessKeyId, secretAccessKey }) };
  }

  /**
   * Starts a fresh peak-RSS window (call after a row's setup, before its timed part).
   * Writing 5 to clear_refs resets the kernel's VmHWM, which catches spikes the
   * 50 ms sampler would miss; the sampler is the fallback where that is refused.
   */
  beginPeakWindow(): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
      this.hwmReset = true;
    } catch {
      this.hwmReset = false;
    }
    this.sampledKiB = statusKiB(pid, 'VmRSS');
    this.sampler = setInterval(() => {
      this.sampledKiB = Math.max(this.sampledKiB, statusKiB(pid, 'VmRSS'));
    }, SAMPLE_MS);
  }

  /** Ends the window and returns its peak RSS in MiB. */
  endPeakWindow(): number {
    if (this.sampler) clearInterval(this.sampler);
    this.sampler = undefined;
    const pid = this.child.pid;
    if (pid === undefined) return 0;
    const last = statusKiB(pid, 'VmRSS');
    const hwm = this.hwmReset ? statusKiB(pid, 'VmHWM') : 0;
    return Math.max(this.sampledKiB, last, hwm) / 1024;
  }

  async stop(): Promise<void> {
    if (this.sampler) clearInterval(this.sampler);
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const stop: StopMessage = { type: 'stop' };
    this.child.send(stop);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
