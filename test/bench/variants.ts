// Whether the emulator has the power-loss durability (fsync) option, so the bench
// only adds the emulator-fsync rows when they would measure something different.
import fs from 'node:fs';
import path from 'node:path';

/** dist/test/bench -> dist/server/index.js, where startEmulator reads its options. */
const EMULATOR_INDEX = path.resolve(__dirname, '../../server/index.js');

export function emulatorSupportsDurable(): boolean {
  // Options are a plain object, so an unknown `durable` would be silently ignored and
  // the variant would just re-measure the default; look for the option in the code.
  try {
    return /\.durable\b|S3EMU_FSYNC/.test(fs.readFileSync(EMULATOR_INDEX, 'utf8'));
  } catch {
    return false;
  }
}
