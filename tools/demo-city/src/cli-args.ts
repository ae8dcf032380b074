import { DEFAULT_SEED, validateOptions } from './generate-demo-city';

export interface CliOptions {
  seed: number;
  scale: number;
  out: string;
}

export const DEFAULT_OUT = '.data/demo-city.json';

export const USAGE = `usage: node --import tsx tools/demo-city/cli.ts [--seed N] [--scale X] [--out FILE]
  --seed N    unsigned 32-bit integer (default ${DEFAULT_SEED})
  --scale X   area multiplier, 0.1..100 (default 1: about 1,500 unit grids)
  --out FILE  output JSON path (default ${DEFAULT_OUT})`;

/** A bad command line: the CLI prints the message on one line and exits with code 2. */
export class CliUsageError extends Error {}

/** Parses `--key value` or `--key=value`; returns 'help' for --help / -h. */
export function parseCliArgs(argv: readonly string[]): CliOptions | 'help' {
  const raw = new Map<string, string>();
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (arg === '--help' || arg === '-h') return 'help';
    const m = /^--(seed|scale|out)(?:=(.*))?$/.exec(arg);
    if (!m) throw new CliUsageError(`unknown argument "${arg}" (try --help)`);
    const key = m[1];
    if (raw.has(key)) throw new CliUsageError(`--${key} given twice`);
    let value = m[2];
    if (value === undefined) {
      value = argv[k + 1];
      if (value === undefined || value.startsWith('--')) throw new CliUsageError(`--${key} needs a value`);
      k++;
    }
    raw.set(key, value);
  }
  const seedText = raw.get('seed');
  const scaleText = raw.get('scale');
  const out = raw.get('out') ?? DEFAULT_OUT;
  if (seedText !== undefined && !/^\d+$/.test(seedText)) {
    throw new CliUsageError(`--seed must be a non-negative integer, got "${seedText}"`);
  }
  if (scaleText !== undefined && !/^(\d+(\.\d*)?|\.\d+)$/.test(scaleText)) {
    throw new CliUsageError(`--scale must be a positive number, got "${scaleText}"`);
  }
  if (out.trim() === '') throw new CliUsageError('--out must not be empty');
  try {
    const { seed, scale } = validateOptions({
      seed: seedText === undefined ? undefined : Number(seedText),
      scale: scaleText === undefined ? undefined : Number(scaleText),
    });
    return { seed, scale, out };
  } catch (e) {
    if (e instanceof RangeError) throw new CliUsageError(e.message);
    throw e;
  }
}
