import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const alias = {
  '@urbangrid/domain': fileURLToPath(new URL('./libs/domain/src/index.ts', import.meta.url)),
  '@urbangrid/contracts': fileURLToPath(new URL('./libs/contracts/src/index.ts', import.meta.url)),
};

// SWC compiles the API's decorators (with metadata) for the tests, as tsc does for the build.
const swcPlugin = () => swc.vite({ jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' } });

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [swcPlugin()],
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['libs/**/*.spec.ts', 'apps/api/**/*.spec.ts', 'tools/**/*.spec.ts', 'apps/web/src/**/*.spec.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        plugins: [swcPlugin()],
        resolve: { alias },
        test: {
          name: 'int',
          include: ['apps/api/**/*.int-spec.ts'],
          environment: 'node',
          globalSetup: ['apps/api/test/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
