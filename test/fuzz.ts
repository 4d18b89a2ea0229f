// A small seeded random source for fuzz tests: the same seed gives the same requests, so a
// failure printed with its seed can be replayed with FUZZ_SEED=<seed>.

/** mulberry32: 32-bit state, good enough spread for test inputs, not for anything secret. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The seed from FUZZ_SEED, or a fresh one (printed by the caller on failure). */
export function fuzzSeed(env: string | undefined = process.env.FUZZ_SEED): number {
  if (env !== undefined && env !== "") {
    const seed = Number(env);
    if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, got ${JSON.stringify(env)}`);
    return seed >>> 0;
  }
  return Math.floor(Math.random() * 4_294_967_296);
}

export class Random {
  private readonly next: () => number;

  constructor(readonly seed: number) {
    this.next = mulberry32(seed);
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(0, items.length - 1)] as T;
  }

  /** A string of `length` characters drawn from `alphabet` (default: printable ASCII). */
  string(length: number, alphabet = ASCII): string {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[this.int(0, alphabet.length - 1)];
    return out;
  }

  /** Any code points, surrogates and astral planes included (lone surrogates too). */
  unicode(length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) {
      const range = this.pick([
        [0x0, 0x7f],
        [0x80, 0x7ff],
        [0x800, 0xffff],
        [0x10000, 0x10ffff],
        [0xd800, 0xdfff],
      ] as const);
      const point = this.int(range[0], range[1]);
      out += point >= 0xd800 && point <= 0xdfff ? String.fromCharCode(point) : String.fromCodePoint(point);
    }
    return out;
  }

  bytes(length: number): Uint8Array<ArrayBuffer> {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.int(0, 255);
    return out;
  }
}

export const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");
