import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const fromRepo = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** The API the dev server (and `vite preview`) forwards `/api` to. */
const apiProxy = { '/api': { target: 'http://localhost:3000', changeOrigin: false } };

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    alias: {
      '@urbangrid/contracts': fromRepo('libs/contracts/src/index.ts'),
      '@urbangrid/domain': fromRepo('libs/domain/src/index.ts'),
    },
  },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    // maplibre-gl alone is ~1 MB minified; it is one cacheable chunk, not a regression to warn about.
    chunkSizeWarningLimit: 1500,
  },
});
