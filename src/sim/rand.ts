// A seeded random source per cluster, so a scenario replayed in manual-clock mode produces the
// same names, uids and IPs. The generator's state lives in the store between commands.

export interface Rand {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** n characters drawn from alphabet. */
  string(n: number, alphabet: string): string;
  /** An RFC 4122 v4-shaped uid. */
  uid(): string;
}

/** Kubernetes' utilrand alphabet: no vowels, no 0/1/3 (avoids words and look-alikes). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** sfc32: small, fast, and its whole state is four 32-bit words, easy to persist. */
export class SeededRand implements Rand {
  private s: [number, number, number, number];
  constructor(state: readonly number[]) {
    this.s = [state[0] >>> 0, state[1] >>> 0, state[2] >>> 0, state[3] >>> 0];
  }

  static fromSeed(seed: string): SeededRand {
    // xmur3 string hash to spread the seed into four words.
    let h = 1779033703 ^ seed.length;
    for (let i = 0; i < seed.length; i++) {
      h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
      h = (h << 13) | (h >>> 19);
    }
    const word = () => {
      h = Math.imul(h ^ (h >>> 16), 2246822507);
      h = Math.imul(h ^ (h >>> 13), 3266489909);
      return (h ^= h >>> 16) >>> 0;
    };
    const r = new SeededRand([word(), word(), word(), word()]);
    for (let i = 0; i < 15; i++) r.next();
    return r;
  }

  state(): number[] {
    return [...this.s];
  }

  next(): number {
    let [a, b, c, d] = this.s;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    this.s = [a >>> 0, b >>> 0, c >>> 0, d >>> 0];
    return (t >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  string(n: number, alphabet: string): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }

  uid(): string {
    const hex = this.string(32, '0123456789abcdef').split('');
    hex[12] = '4';
    hex[16] = '89ab'[this.int(4)];
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}

/**
 * The cluster's generator, its state read from and written back to the store on every draw, so
 * draws made inside a transaction are as isolated as the objects they name.
 */
export class StoreRand implements Rand {
  constructor(private readonly meta: { getMeta(k: string): string | undefined; setMeta(k: string, v: string): void },
    private readonly seed: string) {}

  private draw<T>(f: (r: SeededRand) => T): T {
    const raw = this.meta.getMeta('rand');
    const r = raw ? new SeededRand(JSON.parse(raw) as number[]) : SeededRand.fromSeed(this.seed);
    const out = f(r);
    this.meta.setMeta('rand', JSON.stringify(r.state()));
    return out;
  }

  next(): number {
    return this.draw((r) => r.next());
  }
  int(n: number): number {
    return this.draw((r) => r.int(n));
  }
  string(n: number, alphabet: string): string {
    return this.draw((r) => r.string(n, alphabet));
  }
  uid(): string {
    return this.draw((r) => r.uid());
  }
}
