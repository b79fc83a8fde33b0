import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const serviceWorkerFile = 'sw.js';
/** The string client/sw.ts names its build with; see stampServiceWorker. */
const buildPlaceholder = '__MARGINALIA_BUILD__';

// The client is plain TypeScript (no framework): Vite only bundles it. The server serves the
// built files from dist/client, so the build lands there and a stale build never lingers.
// The service worker (client/sw.ts) is a second input, written to /sw.js at the root: a worker
// controls only the paths under its own, and its name must not change from build to build.
export default defineConfig({
  root: 'client',
  plugins: [stampServiceWorker()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('./client/index.html', import.meta.url)),
        sw: fileURLToPath(new URL('./client/sw.ts', import.meta.url)),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? serviceWorkerFile : 'assets/[name]-[hash].js'),
      },
    },
  },
  server: {
    // In development the API lives on the Express server.
    proxy: { '/api': 'http://localhost:3000' },
  },
});

/**
 * Writes into sw.js a name for this build, a hash of its bundles' names (which carry their contents'
 * hashes): a browser installs a worker again only when its bytes change, and the new one then
 * precaches the new bundles and deletes the old. It also refuses a worker that imports a chunk
 * shared with the app: a worker script loaded classically cannot import, and must hold all it runs.
 */
function stampServiceWorker(): Plugin {
  return {
    name: 'marginalia:stamp-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const worker = bundle[serviceWorkerFile];
      if (worker?.type !== 'chunk') return;
      if (worker.imports.length > 0 || worker.dynamicImports.length > 0) {
        this.error(`${serviceWorkerFile} imports ${[...worker.imports, ...worker.dynamicImports].join(', ')}: the service worker must import nothing from the app`);
      }
      const bundles = Object.keys(bundle)
        .filter((name) => name.startsWith('assets/'))
        .sort();
      const build = createHash('sha256').update(bundles.join('\n')).digest('hex').slice(0, 16);
      worker.code = worker.code.replaceAll(buildPlaceholder, build);
    },
  };
}
