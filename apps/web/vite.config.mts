import * as path from 'node:path';
import { defineConfig } from 'vite';

/**
 * The single-page app, built into dist/web where the gateway serves it (apps/gateway/src/web).
 * Vite's own transform handles TSX with React's automatic runtime; no plugin is needed to build.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: path.resolve(import.meta.dirname, '../../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
