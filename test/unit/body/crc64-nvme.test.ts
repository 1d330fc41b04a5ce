import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { Crc64Nvme } from '../../../server/body/crc64-nvme';

/** Bit-at-a-time CRC-64/NVME with BigInt: slow, obviously right, independent of the tables. */
function reference(data: Uint8Array): string {
  const poly = 0x9a6c9329ac4bc9b5n;
  let crc = 0xffffffffffffffffn;
  for (const byte of data) {
    crc ^= BigInt(byte);
    for (let k = 0; k < 8; k++) crc = crc & 1n ? (crc >> 1n) ^ poly : crc >> 1n;
  }
  return (crc ^ 0xffffffffffffffffn).toString(16).padStart(16, '0');
}

describe('CRC-64/NVME', () => {
  it('check_value_of_123456789 (the catalogued check value)', () => {
    expect(new Crc64Nvme().update(Buffer.from('123456789')).digest().toString('hex')).to.equal('ae8b14860a799888');
  });

  it('matches_the_bitwise_reference_for_every_length_up_to_300 (JS tail and WebAssembly body)', () => {
    const data = randomBytes(300);
    for (let n = 0; n <= 300; n++) {
      expect(new Crc64Nvme().update(data.subarray(0, n)).digest().toString('hex'), `length ${n}`).to.equal(reference(data.subarray(0, n)));
    }
  });

  it('matches_the_reference_on_unaligned_views_and_across_split_updates', () => {
    const data = randomBytes(200 * 1024 + 13);
    const view = data.subarray(3);
    const whole = new Crc64Nvme().update(view).digest().toString('hex');
    expect(whole).to.equal(reference(view));
    const split = new Crc64Nvme();
    for (let i = 0; i < view.length; i += 65_537) split.update(view.subarray(i, i + 65_537));
    expect(split.digest().toString('hex')).to.equal(whole);
  });
});
