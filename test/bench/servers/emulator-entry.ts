// The emulator under test. Loaded with a runtime-computed require so this entry
// compiles (and reports "emulator not built") before server/index.ts exists.
import path from 'node:path';
import { serveUntilStopped } from './child';
import { scratchDir } from './scratch';

interface EmulatorOptions {
  port: number;
  /** false turns HTTPS off. */
  tlsPort: number | false;
  ephemeral: boolean;
  dataDir?: string;
  quiet: boolean;
  durable?: boolean;
}

interface EmulatorHandle {
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  stop(): Promise<void>;
}

type StartEmulator = (options: EmulatorOptions) => Promise<EmulatorHandle>;

/** dist/test/bench/servers -> dist/server/index.js */
export const EMULATOR_MODULE = path.resolve(__dirname, '../../../server/index.js');

function loadStartEmulator(): StartEmulator {
  let mod: unknown;
  try {
    mod = require(EMULATOR_MODULE) as unknown;
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new Error(`emulator not built (${why})`);
  }
  const start = (mod as { startEmulator?: unknown }).startEmulator;
  if (typeof start !== 'function') throw new Error('emulator not built (no startEmulator export)');
  return start as StartEmulator;
}

serveUntilStopped(async () => {
  const startEmulator = loadStartEmulator();
  // The parent also sets S3EMU_FSYNC=1 for this variant, covering either spelling.
  const durable = process.argv.includes('--durable');
  const scratch = scratchDir(durable ? 'emulator-fsync' : 'emulator');
  const options: EmulatorOptions = { port: 0, tlsPort: 0, ephemeral: false, dataDir: scratch.dir, quiet: true, ...(durable ? { durable: true } : {}) };
  let emu: EmulatorHandle;
  try {
    emu = await startEmulator(options);
  } catch (err) {
    // The bench speaks plain HTTP only, so a broken TLS setup must not hide the numbers;
    // say so loudly and measure without the HTTPS listener.
    const why = err instanceof Error ? err.message : String(err);
    process.stderr.write(`bench: emulator failed to start with tlsPort 0 (${why}); retrying with tlsPort false\n`);
    emu = await startEmulator({ ...options, tlsPort: false });
  }
  return {
    endpoint: emu.endpoint,
    accessKeyId: emu.credentials.accessKeyId,
    secretAccessKey: emu.credentials.secretAccessKey,
    stop: async () => {
      await emu.stop();
      scratch.remove();
    },
  };
});
