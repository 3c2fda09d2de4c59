// Seeded randomness, float32 number printing and a JSON writer, shared by both generators.
import fs from 'node:fs';
import path from 'node:path';

// mulberry32: a 32-bit state PRNG; the same seed gives the same stream on every platform.
export class Rng {
  constructor(seed) {
    this.state = seed >>> 0;
  }

  // Uniform in [0, 1).
  next() {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  uniform(lo, hi) {
    return lo + (hi - lo) * this.next();
  }

  // Integer in [lo, hi], both ends included.
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p) {
    return this.next() < p;
  }

  pick(items) {
    return items[Math.floor(this.next() * items.length)];
  }

  sign() {
    return this.chance(0.5) ? -1 : 1;
  }

  // Standard normal via Box-Muller (1 - u keeps the logarithm finite).
  normal() {
    return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
  }

  // rows x cols matrix of float32 values drawn by draw().
  matrix(rows, cols, draw) {
    return Array.from({length: rows}, () => Array.from({length: cols}, () => Math.fround(draw())));
  }
}

// True when d lies exactly halfway between two float32 values, where parsing its decimal
// straight to float and parsing it to double first could round differently.
function isFloat32Midpoint(d) {
  const f = Math.fround(d);
  if (f === d) return false;
  const other = 2 * d - f;
  return Math.fround(other) === other;
}

// Shortest decimal that reads back as exactly this float32 both through strtof and
// through strtod followed by a cast to float.
function float32String(v) {
  for (let digits = 1; digits < 9; digits++) {
    const d = Number(v.toPrecision(digits));
    if (Math.fround(d) === v && !isFloat32Midpoint(d)) return String(d);
  }
  return String(Number(v.toPrecision(9)));
}

export function formatNumber(v) {
  if (!Number.isFinite(v)) throw new Error(`non-finite number ${v} cannot be written to JSON`);
  if (Object.is(v, -0)) return '-0';
  if (Number.isInteger(v) || Math.fround(v) !== v) return String(v);
  return float32String(v);
}

// Indented JSON whose arrays of scalars (rows) stay on one line; numbers go through formatNumber.
export function toJson(value, indent = '') {
  if (typeof value === 'number') return formatNumber(value);
  if (Array.isArray(value)) {
    if (value.every(v => v === null || typeof v !== 'object')) return `[${value.map(v => toJson(v)).join(', ')}]`;
    const inner = indent + '  ';
    return `[\n${value.map(v => inner + toJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const inner = indent + '  ';
    const fields = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{\n${fields.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${toJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

export function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), {recursive: true});
  fs.writeFileSync(file, toJson(value) + '\n');
}

// Empties a generated folder so cases dropped from the generator do not linger.
export function resetDir(dir) {
  fs.rmSync(dir, {recursive: true, force: true});
  fs.mkdirSync(dir, {recursive: true});
}
