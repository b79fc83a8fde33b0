/** Runs a repository script in a child process with tsx, as a user would, and collects its output. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `env` replaces the variables the app reads, so the developer's own settings cannot leak in. */
export function runScript(script: string, args: string[], env: Record<string, string>, timeoutMs = 30_000): Promise<RunResult> {
  const base = { ...process.env };
  for (const name of ['PORT', 'DATABASE_URL', 'MARGINALIA_DATA_DIR', 'LOG_LEVEL', 'MARGINALIA_DEV', 'NODE_OPTIONS']) delete base[name];
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', script, ...args], {
      cwd: repoRoot,
      env: { ...base, LOG_LEVEL: 'silent', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
