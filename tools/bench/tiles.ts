/**
 * Vector-tile benchmark: starts the built API on DATABASE_URL (a city must be loaded, e.g. with
 * `npm run bench -- load-city`), asks for every tile covering the city once (so nothing is
 * cached) per layer and zoom, one request at a time, and prints latency percentiles and tile sizes.
 *
 *   npm run bench -- tiles [--zooms 10,12,13,14,16] [--layers grids,communities,roads] [--max-tiles 800]
 */
import type { CityInfo } from '@urbangrid/contracts';
import { performance } from 'node:perf_hooks';
import { machine, ms, startServer, summarize, tilesCovering } from './bench-lib';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** Spread `count` picks evenly over a list (deterministic). */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)]);
}

async function main(): Promise<void> {
  const zooms = option('zooms', '10,12,13,14,16').split(',').map(Number);
  const layers = option('layers', 'grids,communities,streets,roads').split(',');
  const maxTiles = Number(option('max-tiles', '800'));
  const server = await startServer();
  try {
    const city = (await (await fetch(`${server.url}/api/v1/city`)).json()) as CityInfo;
    if (!city.dataExtent)
      throw new Error('the database holds no regions: load a city first (npm run bench -- load-city)');
    console.log(`tiles benchmark — ${new Date().toISOString().slice(0, 10)}, ${machine()}`);
    console.log(
      `city: ${JSON.stringify(city.counts)}, extent ${city.dataExtent.map((v) => v.toFixed(3)).join(',')}`,
    );
    console.log('layer        z   tiles  p50       p95       p99       max       max KB  mean KB  empty');
    for (const layer of layers) {
      for (const z of zooms) {
        const tiles = spread(tilesCovering(city.dataExtent, z), maxTiles);
        const times: number[] = [];
        const sizes: number[] = [];
        for (const { x, y } of tiles) {
          const t0 = performance.now();
          const res = await fetch(`${server.url}/api/v1/tiles/${layer}/${z}/${x}/${y}.mvt`);
          const body = new Uint8Array(await res.arrayBuffer());
          times.push(performance.now() - t0);
          if (res.status !== 200) throw new Error(`${layer} ${z}/${x}/${y}: HTTP ${res.status}`);
          sizes.push(body.length);
        }
        const t = summarize(times);
        const s = summarize(sizes);
        const empty = sizes.filter((b) => b === 0).length;
        console.log(
          `${layer.padEnd(12)} ${String(z).padStart(2)} ${String(tiles.length).padStart(6)}  ${ms(t.p50).padEnd(9)} ${ms(t.p95).padEnd(9)} ${ms(t.p99).padEnd(9)} ${ms(t.max).padEnd(9)} ${(s.max / 1024).toFixed(1).padStart(6)}  ${(s.mean / 1024).toFixed(1).padStart(7)}  ${empty}`,
        );
      }
    }
  } finally {
    await server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
