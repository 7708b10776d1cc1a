// Deterministic benchmark CSVs, the same bytes on every run and machine.
//
// - `upload`: the upload-speed issue's file. 10 numeric columns with six
//   decimals (e.g. `-267.337478`; within ±10, ±100 and ±1000 by column), 2
//   categorical (`shape_*` of 50 values, `city_*` of 2,000), 1 label (0/1):
//   1,000,000 rows ≈ 125 MB.
// - `legacy`: the shape of the native criterion bench
//   (crates/engine/benches/csv_read.rs): short numbers, ≈ 100 bytes a row.
// Both use one xorshift64 stream, so a prefix of the 1M-row file is the
// 250k- and 500k-row file.
import { createWriteStream } from 'node:fs';

function xorshift() {
  let state = 0x2545f4914f6cdd1dn;
  const mask = (1n << 64n) - 1n;
  return () => {
    state ^= (state << 13n) & mask;
    state ^= state >> 7n;
    state ^= (state << 17n) & mask;
    return state;
  };
}

/** A 32-bit xorshift: fast enough for a million rows in node. */
function xorshift32(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s;
  };
}

export const UPLOAD_HEADER = 'x0,x1,x2,x3,x4,x5,x6,x7,x8,x9,shape,city,label\n';

/** Line `r`'s generator for the upload shape, as a stream of lines. */
function* uploadLines(rows) {
  const next = xorshift32(0x9e3779b9);
  yield UPLOAD_HEADER;
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let k = 0; k < 10; k++) {
      // Six decimals; column k within ±10, ±100 or ±1000 (k % 3), drawn as
      // integers in micro-units.
      const half = [1e7, 1e8, 1e9][k % 3];
      const micro = (next() % (2 * half)) - half;
      const sign = micro < 0 ? '-' : '';
      const a = Math.abs(micro);
      line += `${sign}${Math.floor(a / 1e6)}.${String(a % 1e6).padStart(6, '0')},`;
    }
    line += `shape_${next() % 50},city_${next() % 2000},${next() % 2}\n`;
    yield line;
  }
}

function* legacyLines(rows) {
  const next = xorshift();
  yield 'f0,f1,f2,f3,f4,f5,i0,i1,g0,g1,shape,city,label\n';
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let k = 0; k < 6; k++) line += (Number(next() % 1000000n) / 1000).toFixed(3) + ',';
    for (let k = 0; k < 2; k++) line += String(next() % 100000n) + ',';
    for (let k = 0; k < 2; k++) line += (Number(next() % 1000000n) / 1e6).toFixed(6) + ',';
    line += `shape_${next() % 50n},city_${next() % 2000n},${next() % 2n}\n`;
    yield line;
  }
}

export const SHAPES = { upload: uploadLines, legacy: legacyLines };

/** Writes `rows` rows of `shape` to `path`; resolves to the byte count. */
export async function writeCsv(path, shape, rows) {
  const out = createWriteStream(path);
  let bytes = 0;
  let batch = [];
  for (const line of SHAPES[shape](rows)) {
    batch.push(line);
    if (batch.length === 10000) {
      const text = batch.join('');
      bytes += Buffer.byteLength(text);
      if (!out.write(text)) await new Promise((r) => out.once('drain', r));
      batch = [];
    }
  }
  const text = batch.join('');
  bytes += Buffer.byteLength(text);
  out.write(text);
  await new Promise((r) => out.end(r));
  return bytes;
}
