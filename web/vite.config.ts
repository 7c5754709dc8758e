import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/** The static front end: built into `web/dist`, which S3 and the local server both serve. */
export default defineConfig({
  root: webRoot,
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The staff console is the only lazy chunk (see staff-loader.tsx); every browser we support
    // knows modulepreload, so the polyfill would be dead weight on the parents' pages.
    modulePreload: { polyfill: false },
  },
  server: {
    // The dev server forwards API calls to the local runtime, so cookies stay same-origin.
    proxy: { '/api': 'http://localhost:3000' },
  },
});
