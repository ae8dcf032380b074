import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from './error-status';

/** Every .ts source (no tests) under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !/\.(spec|int-spec)\.ts$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe('error status mapping', () => {
  it('maps every code a DomainError or ApiError is raised with (a missing one would answer 500)', () => {
    const raised = new Set<string>();
    for (const file of [...sources('libs/domain/src'), ...sources('apps/api/src')]) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:DomainError|ApiError)\(\s*'([A-Z_]+\.[A-Z_]+)'/g)) {
        raised.add(m[1]);
      }
    }
    // The scan finds the codes of the modules built so far (regions, classes, components, geocoding…).
    expect(raised.size).toBeGreaterThan(30);
    expect([...raised].filter((code) => !(code in ERROR_STATUS))).toEqual([]);
  });

  it('answers client errors with 4xx and only infrastructure failures with 5xx', () => {
    const server = Object.entries(ERROR_STATUS).filter(([, status]) => status >= 500).map(([code]) => code);
    expect(server.sort()).toEqual(['DATABASE.UNAVAILABLE', 'INTERNAL.ERROR']);
  });
});
