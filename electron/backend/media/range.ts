/**
 * Reads an HTTP Range header against a file size, by RFC 9110 §14:
 * - one satisfiable byte range: that range (206);
 * - one well-formed byte range that lies wholly past the end (or a zero-length suffix): 'unsatisfiable' (416);
 * - no header, another unit, several ranges, or anything malformed: null, meaning "ignore the header and
 *   send the whole file" (200). A server must ignore units it does not know, and may ignore invalid or
 *   multiple ranges; answering those with the whole body is what lets any client still play the file.
 */
export type RangeResult = { start: number; end: number } | 'unsatisfiable' | null;

const RANGE_SPEC = /^(\d*)-(\d*)$/;

export function parseRange(header: string | null | undefined, size: number): RangeResult {
  if (!header) return null;
  const equals = header.indexOf('=');
  if (equals < 0) return null;
  // Range units compare case-insensitively; there is no whitespace around the "=" in the grammar.
  if (header.slice(0, equals).toLowerCase() !== 'bytes') return null;
  // A list may carry empty elements ("0-1, ,"), which recipients must skip (RFC 9110 §5.6.1).
  const specs = header
    .slice(equals + 1)
    .split(',')
    .map((spec) => spec.trim())
    .filter((spec) => spec !== '');
  // Several ranges would need a multipart answer; media elements never ask for one.
  if (specs.length !== 1) return null;
  const match = RANGE_SPEC.exec(specs[0]!);
  if (!match) return null;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return null;
  // BigInt, so a 30-digit position compares exactly instead of rounding to a neighbour.
  const length = BigInt(size);
  if (from === '') {
    const suffix = BigInt(to);
    if (suffix === 0n) return 'unsatisfiable';
    // An empty file has no bytes to name; its whole (empty) body is the answer.
    if (length === 0n) return null;
    const start = suffix >= length ? 0n : length - suffix;
    return { start: Number(start), end: size - 1 };
  }
  const first = BigInt(from);
  if (to !== '' && BigInt(to) < first) return null; // last before first: an invalid range-spec
  if (first >= length) return 'unsatisfiable';
  const last = to === '' || BigInt(to) >= length ? length - 1n : BigInt(to);
  return { start: Number(first), end: Number(last) };
}
