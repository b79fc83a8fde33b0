/**
 * Builds the browser client when the built copy is missing or older than its sources, so that
 * `npm start` on a fresh checkout (or after a pull) serves the current client without a separate step.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { clientOutDir, clientRoot, repoRoot, viteConfigFile } from './paths.ts';

const sourceDirs = [clientRoot, path.join(repoRoot, 'shared')];
const sourceFiles = [viteConfigFile];

export interface ClientBuildResult {
  built: boolean;
}

export async function ensureClientBuilt(): Promise<ClientBuildResult> {
  if (!(await isClientBuildStale())) return { built: false };
  // Loaded on demand: vite is large and only needed when a build is due.
  const { build } = await import('vite');
  try {
    await build({
      configFile: viteConfigFile,
      root: clientRoot,
      logLevel: 'warn',
      build: { outDir: clientOutDir, emptyOutDir: true },
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot build the client: ${reason.split('\n')[0]}`, { cause: error });
  }
  return { built: true };
}

export async function isClientBuildStale(): Promise<boolean> {
  const builtAt = await mtimeOf(path.join(clientOutDir, 'index.html'));
  if (builtAt === null) return true;
  const newest = Math.max(...(await Promise.all(sourceFiles.map(mtimeOf))).map((t) => t ?? 0), ...(await Promise.all(sourceDirs.map(newestMtime))));
  return newest > builtAt;
}

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return 0; // a missing source folder has nothing newer than the build
  }
  for (const entry of entries) {
    if (!entry.isFile() || entry.parentPath.includes(`${path.sep}node_modules`)) continue;
    newest = Math.max(newest, (await mtimeOf(path.join(entry.parentPath, entry.name))) ?? 0);
  }
  return newest;
}

async function mtimeOf(file: string): Promise<number | null> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return null; // absent
  }
}
