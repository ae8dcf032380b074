import { describe, expect, it } from 'vitest';
import { CliUsageError, DEFAULT_OUT, parseCliArgs } from './cli-args';
import { DEFAULT_SEED } from './generate-demo-city';

describe('parseCliArgs', () => {
  it('uses the defaults', () => {
    expect(parseCliArgs([])).toEqual({ seed: DEFAULT_SEED, scale: 1, out: DEFAULT_OUT });
  });

  it('reads --key value and --key=value', () => {
    expect(parseCliArgs(['--seed', '42', '--scale=2.5', '--out', 'x/y.json'])).toEqual({
      seed: 42,
      scale: 2.5,
      out: 'x/y.json',
    });
    expect(parseCliArgs(['--help'])).toBe('help');
  });

  it.each([
    [['--seed', '-1']],
    [['--seed', '1.5']],
    [['--seed', '4294967296']],
    [['--scale', '0']],
    [['--scale', 'big']],
    [['--scale', '1000']],
    [['--scale']],
    [['--seed', '1', '--seed', '2']],
    [['--frobnicate']],
    [['42']],
    [['--out', '']],
  ])('rejects %j with a usage error', (argv) => {
    expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
  });
});
