/**
 * Exact rational arithmetic on BigInt for the part-4 and part-6 formulas. Rates such as
 * 160/170 and weights such as 0.1 are not exact in binary floating point; computing on
 * fractions and rounding once, half-up, at the reporting step keeps x.xx5 cases and grade
 * boundaries (89.999… vs 90) exact.
 */
export class Rational {
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);
  static readonly HUNDRED = new Rational(100n, 1n);

  static of(num: bigint, den: bigint = 1n): Rational {
    if (den === 0n) throw new RangeError('rational with a zero denominator');
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const g = gcd(num < 0n ? -num : num, den);
    return new Rational(num / g, den / g);
  }

  static int(n: number): Rational {
    if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${n}`);
    return new Rational(BigInt(n), 1n);
  }

  /**
   * The decimal a JSON number was written as: 0.1 → 1/10 (not the binary double nearest 0.1).
   * Uses the shortest round-trip string of the number, which is what JSON.parse read.
   */
  static fromNumber(x: number): Rational {
    if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
    const s = String(x);
    const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(s);
    if (!m) throw new RangeError(`cannot read ${s} as a decimal`);
    const [, sign, whole, frac = '', exp = '0'] = m;
    let num = BigInt(whole + frac);
    let den = 10n ** BigInt(frac.length);
    const e = Number(exp);
    if (e > 0) num *= 10n ** BigInt(e);
    if (e < 0) den *= 10n ** BigInt(-e);
    return Rational.of(sign === '-' ? -num : num, den);
  }

  add(o: Rational): Rational {
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }
  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError('division by zero');
    return Rational.of(this.num * o.den, this.den * o.num);
  }
  cmp(o: Rational): -1 | 0 | 1 {
    const d = this.num * o.den - o.num * this.den;
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }
  eq(o: Rational): boolean {
    return this.cmp(o) === 0;
  }
  lt(o: Rational): boolean {
    return this.cmp(o) < 0;
  }
  lte(o: Rational): boolean {
    return this.cmp(o) <= 0;
  }
  gt(o: Rational): boolean {
    return this.cmp(o) > 0;
  }
  gte(o: Rational): boolean {
    return this.cmp(o) >= 0;
  }
  isZero(): boolean {
    return this.num === 0n;
  }
  min(o: Rational): Rational {
    return this.lte(o) ? this : o;
  }
  max(o: Rational): Rational {
    return this.gte(o) ? this : o;
  }
  clamp(lo: Rational, hi: Rational): Rational {
    return this.max(lo).min(hi);
  }

  /**
   * Rounds to `digits` decimals and returns the scaled integer (value × 10^digits).
   * `halfUp` rounds ties away from zero (四舍五入), `halfEven` to the even neighbour,
   * `truncate` toward zero.
   */
  roundScaled(digits: number, mode: RoundingMode): bigint {
    const scale = 10n ** BigInt(digits);
    const n = this.num * scale;
    const neg = n < 0n;
    const a = neg ? -n : n;
    const q = a / this.den;
    const r = a % this.den;
    let out = q;
    switch (mode) {
      case 'truncate':
        break;
      case 'halfUp':
        if (2n * r >= this.den) out = q + 1n;
        break;
      case 'halfEven':
        if (2n * r > this.den || (2n * r === this.den && q % 2n === 1n)) out = q + 1n;
        break;
    }
    return neg ? -out : out;
  }

  /** The rounded value as a Rational. */
  round(digits: number, mode: RoundingMode): Rational {
    return Rational.of(this.roundScaled(digits, mode), 10n ** BigInt(digits));
  }

  /** The rounded value as a JS number (for reporting: the decimal is exact, the double is its nearest). */
  toNumber(digits: number, mode: RoundingMode): number {
    return Number(formatScaled(this.roundScaled(digits, mode), digits));
  }

  /** Nearest double, for ordering only; never for a reported figure. */
  approx(): number {
    return Number(this.num) / Number(this.den);
  }
}

export const ROUNDING_MODES = ['halfUp', 'halfEven', 'truncate'] as const;
/** How a reported figure is rounded; the spec's default is half-up to 2 decimals (05 §7.2). */
export type RoundingMode = (typeof ROUNDING_MODES)[number];

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

function formatScaled(scaled: bigint, digits: number): string {
  const neg = scaled < 0n;
  const s = (neg ? -scaled : scaled).toString().padStart(digits + 1, '0');
  const body = digits ? `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}` : s;
  return neg ? `-${body}` : body;
}
