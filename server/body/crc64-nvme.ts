/**
 * CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5, init and xorout all ones), the
 * checksum S3 computes for uploads that name none. Node has no native one; the 64-bit state
 * is kept as two 32-bit halves so the byte loop stays in plain number arithmetic.
 */
const TABLE_HI = new Uint32Array(256);
const TABLE_LO = new Uint32Array(256);
(function buildTable(): void {
  const polyHi = 0x9a6c9329;
  const polyLo = 0xac4bc9b5;
  for (let i = 0; i < 256; i++) {
    let hi = 0;
    let lo = i;
    for (let k = 0; k < 8; k++) {
      const lsb = lo & 1;
      lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
      hi = hi >>> 1;
      if (lsb) {
        hi = (hi ^ polyHi) >>> 0;
        lo = (lo ^ polyLo) >>> 0;
      }
    }
    TABLE_HI[i] = hi;
    TABLE_LO[i] = lo;
  }
})();

export class Crc64Nvme {
  private hi = 0xffffffff;
  private lo = 0xffffffff;

  update(data: Uint8Array): this {
    let hi = this.hi;
    let lo = this.lo;
    for (let i = 0; i < data.length; i++) {
      const idx = (lo ^ data[i]) & 0xff;
      const nlo = ((lo >>> 8) | ((hi & 0xff) << 24)) >>> 0;
      const nhi = hi >>> 8;
      lo = (nlo ^ TABLE_LO[idx]) >>> 0;
      hi = (nhi ^ TABLE_HI[idx]) >>> 0;
    }
    this.hi = hi;
    this.lo = lo;
    return this;
  }

  /** The final value, big-endian, as S3 encodes it before base64. */
  digest(): Buffer {
    const out = Buffer.allocUnsafe(8);
    out.writeUInt32BE((this.hi ^ 0xffffffff) >>> 0, 0);
    out.writeUInt32BE((this.lo ^ 0xffffffff) >>> 0, 4);
    return out;
  }
}
