import { describe, expect, it } from 'vitest';
import { limitsFromEnv, TokenBuckets } from './open311-rate-limit';

describe('TokenBuckets', () => {
  it('allows the burst, then answers the seconds until one token is back', () => {
    let now = 0;
    const buckets = new TokenBuckets(() => now);
    const rule = { perHour: 60, burst: 3 };
    expect([1, 2, 3].map(() => buckets.take('ip:a', rule))).toEqual([0, 0, 0]);
    // 60 an hour = one token each 60 s; the bucket is empty, so the wait is 60 s.
    expect(buckets.take('ip:a', rule)).toBe(60);
    // 30 s later half a token has come back: 30 s more to wait.
    now = 30_000;
    expect(buckets.take('ip:a', rule)).toBe(30);
    now = 60_000;
    expect(buckets.take('ip:a', rule)).toBe(0);
    // Another key has its own bucket.
    expect(buckets.take('ip:b', rule)).toBe(0);
  });

  it('never fills past the burst however long it waited', () => {
    let now = 0;
    const buckets = new TokenBuckets(() => now);
    const rule = { perHour: 3600, burst: 2 };
    buckets.take('k', rule);
    now = 10 * 3_600_000;
    expect([buckets.take('k', rule), buckets.take('k', rule)]).toEqual([0, 0]);
    // 3600 an hour = one a second: an empty bucket waits 1 s.
    expect(buckets.take('k', rule)).toBe(1);
  });
});

describe('limitsFromEnv', () => {
  it('reads per-hour/burst pairs and refuses anything else', () => {
    expect(limitsFromEnv({ OPEN311_POST_LIMIT_PER_IP: '10/2' }).postPerIp).toEqual({ perHour: 10, burst: 2 });
    expect(limitsFromEnv({}).postPerIp).toEqual({ perHour: 60, burst: 5 });
    expect(() => limitsFromEnv({ OPEN311_POST_LIMIT_PER_IP: '10' })).toThrow(/OPEN311_POST_LIMIT_PER_IP/);
    expect(() => limitsFromEnv({ OPEN311_POST_LIMIT_PER_IP: '0/5' })).toThrow();
  });
});
