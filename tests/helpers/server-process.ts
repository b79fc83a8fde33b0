/**
 * The real server as a child process (`node --import tsx server/index.ts`, so that signals reach the
 * server itself, not a wrapper): for tests of start-up, shutdown and crashes.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { createServer } from 'node:net';
import type { Readable } from 'node:stream';
import type { TestDatabase } from './database.ts';
import { repoRoot } from './run.ts';

export interface ServerProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  url: string;
  /** Every JSON log line so far. */
  lines: Array<Record<string, unknown>>;
  stderr(): string;
  exited: Promise<number | null>;
}

/** Logs at info: the 'listening' line is how the test learns the address. */
export async function startServerProcess(database: TestDatabase, options: { port?: number } = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(options.port ?? 0), LOG_LEVEL: 'info', MARGINALIA_DEMO: '0', ...database.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    void exited.then((code) => reject(new Error(`the server exited with ${code} before listening: ${stderr}`)));
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffered.slice(0, newline)) as Record<string, unknown>;
        buffered = buffered.slice(newline + 1);
        lines.push(line);
        if (line.msg === 'listening') resolve(String(line.url));
      }
    });
  });
  return { child, url, lines, stderr: () => stderr, exited };
}

/** A port free now, so that a restarted server can listen where its clients reconnect. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
