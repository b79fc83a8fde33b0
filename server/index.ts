/**
 * The entry point (`npm start`): read the configuration, start, stop on SIGINT/SIGTERM.
 * Any start-up failure is one line on stderr, `marginalia: <why>`, and exit code 1: the person
 * starting the server needs the reason, not a stack trace.
 */
import { loadConfig } from './config.ts';
import { startServer, type RunningServer } from './start-server.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config, { buildClient: true });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(server, signal));
}

async function shutdown(server: RunningServer, signal: string): Promise<void> {
  server.logger.info({ signal }, 'stopping');
  try {
    await server.close();
    process.exit(0);
  } catch (error) {
    fail(error);
  }
}

function fail(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`marginalia: ${message.split('\n')[0]}\n`);
  process.exit(1);
}

main().catch(fail);
