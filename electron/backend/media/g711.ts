/** G.711 expansion tables (ITU-T G.711): each 8-bit code maps to a 16-bit linear sample. */

function expandMuLaw(code: number): number {
  const u = ~code & 0xff;
  const sign = u & 0x80;
  const exponent = (u >> 4) & 0x07;
  const mantissa = u & 0x0f;
  const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
  return sign ? -magnitude : magnitude;
}

function expandALaw(code: number): number {
  const a = code ^ 0x55;
  const sign = a & 0x80;
  const exponent = (a >> 4) & 0x07;
  const mantissa = a & 0x0f;
  const magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
  return sign ? magnitude : -magnitude;
}

export const MULAW_TO_LINEAR = Int16Array.from({ length: 256 }, (_, code) => expandMuLaw(code));
export const ALAW_TO_LINEAR = Int16Array.from({ length: 256 }, (_, code) => expandALaw(code));
