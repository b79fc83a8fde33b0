/** Folders of the repository the server reads at run time, independent of the working directory. */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const clientRoot = path.join(repoRoot, 'client');
export const clientOutDir = path.join(repoRoot, 'dist', 'client');
export const viteConfigFile = path.join(repoRoot, 'vite.config.ts');
