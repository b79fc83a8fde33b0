import { defineConfig } from 'vite';

// The client is plain TypeScript (no framework): Vite only bundles it. The server serves the
// built files from dist/client, so the build lands there and a stale build never lingers.
export default defineConfig({
  root: 'client',
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
  },
  server: {
    // In development the API lives on the Express server.
    proxy: { '/api': 'http://localhost:3000' },
  },
});
