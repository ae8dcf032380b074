/**
 * In-process token buckets (spec 08 §8): a bucket holds at most `burst` tokens and refills at
 * `perHour` tokens an hour. Each API process keeps its own buckets, so N processes allow N times
 * the configured rate (a known limit; a shared store would be needed to close it).
 */
export interface BucketRule {
  perHour: number;
  burst: number;
}

export interface Open311Limits {
  /** POST requests per key (not for keys limited per IP only, such as the public web page's). */
  postPerKey: BucketRule;
  /** POST requests (and media uploads) per client IP address. */
  postPerIp: BucketRule;
  /** GETs per client IP address. */
  readPerIp: BucketRule;
}

/** Starting values of spec 08 §8 for IPs; a partner system behind one key sends for many citizens. */
export const DEFAULT_LIMITS: Open311Limits = {
  postPerKey: { perHour: 600, burst: 30 },
  postPerIp: { perHour: 60, burst: 5 },
  readPerIp: { perHour: 3600, burst: 120 },
};

/** Limits from OPEN311_* environment variables (`perHour/burst`, e.g. `60/5`), else the defaults. */
export function limitsFromEnv(env: Record<string, string | undefined>): Open311Limits {
  const rule = (name: string, fallback: BucketRule): BucketRule => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const m = /^(\d{1,7})\/(\d{1,6})$/.exec(raw);
    if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) {
      throw new Error(`${name} must be "<per hour>/<burst>" with positive whole numbers, got "${raw}"`);
    }
    return { perHour: Number(m[1]), burst: Number(m[2]) };
  };
  return {
    postPerKey: rule('OPEN311_POST_LIMIT_PER_KEY', DEFAULT_LIMITS.postPerKey),
    postPerIp: rule('OPEN311_POST_LIMIT_PER_IP', DEFAULT_LIMITS.postPerIp),
    readPerIp: rule('OPEN311_READ_LIMIT_PER_IP', DEFAULT_LIMITS.readPerIp),
  };
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Most buckets kept; the fullest (least useful) are dropped first when the map grows past it. */
const MAX_BUCKETS = 100_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Takes one token from the bucket `key` under `rule`. Returns 0 when allowed, else the whole
   * seconds until a token is back (the Retry-After value, at least 1).
   */
  take(key: string, rule: BucketRule): number {
    const now = this.now();
    const ratePerMs = rule.perHour / 3_600_000;
    const b = this.buckets.get(key) ?? { tokens: rule.burst, at: now };
    const tokens = Math.min(rule.burst, b.tokens + (now - b.at) * ratePerMs);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      this.prune();
      return 0;
    }
    this.buckets.set(key, { tokens, at: now });
    // Time until the bucket holds one whole token again.
    return Math.max(1, Math.ceil((1 - tokens) / ratePerMs / 1000));
  }

  private prune(): void {
    if (this.buckets.size <= MAX_BUCKETS) return;
    for (const key of [...this.buckets.keys()].slice(0, this.buckets.size - MAX_BUCKETS))
      this.buckets.delete(key);
  }
}
