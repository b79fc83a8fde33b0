/**
 * Start-up settings. This is the only module that reads `process.env`: everything else receives a
 * `Config`, so tests can start servers with settings of their own without touching the environment.
 */
import path from 'node:path';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

export interface Config {
  /** HTTP port; 0 asks the OS for a free one. PORT, default 3000. */
  port: number;
  /** A PostgreSQL URL, or null for the embedded PGlite database. DATABASE_URL. */
  databaseUrl: string | null;
  /** Where local state lives; PGlite keeps its files in `<dataDir>/pglite`. MARGINALIA_DATA_DIR, default ./data. */
  dataDir: string;
  /** pino level. LOG_LEVEL, default info. */
  logLevel: LogLevel;
  /** Serve the client through vite's dev middleware instead of the built files. MARGINALIA_DEV. */
  isDev: boolean;
  /**
   * Seed the demo seminar with an example discussion by two example accounts. MARGINALIA_DEMO, default
   * 1 for `npm start`; servers started from code (tests, benchmarks) have none unless they ask.
   */
  withDemoDiscussion?: boolean;
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  return {
    port: parsePort(env.PORT),
    databaseUrl: parseDatabaseUrl(env.DATABASE_URL),
    dataDir: path.resolve(nonEmpty(env.MARGINALIA_DATA_DIR) ?? './data'),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    isDev: parseFlag('MARGINALIA_DEV', env.MARGINALIA_DEV),
    withDemoDiscussion: env.MARGINALIA_DEMO === undefined || env.MARGINALIA_DEMO.trim() === '' ? true : parseFlag('MARGINALIA_DEMO', env.MARGINALIA_DEMO),
  };
}

/** The PGlite folder inside the data dir. */
export function pgliteDir(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'pglite');
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function parsePort(raw: string | undefined): number {
  const value = nonEmpty(raw);
  if (value === undefined) return 3000;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${value}"`);
  }
  return port;
}

function parseDatabaseUrl(raw: string | undefined): string | null {
  const value = nonEmpty(raw);
  if (value === undefined) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // The value is not echoed: it may hold a password.
    throw new Error('DATABASE_URL is not a valid URL (expected postgresql://user:password@host:port/database)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(`DATABASE_URL must start with postgresql://, not ${url.protocol}//`);
  }
  if (!url.hostname) throw new Error('DATABASE_URL names no host (expected postgresql://user@host:port/database)');
  return value;
}

function parseLogLevel(raw: string | undefined): LogLevel {
  const value = nonEmpty(raw)?.toLowerCase();
  if (value === undefined) return 'info';
  const level = logLevels.find((known) => known === value);
  if (!level) throw new Error(`LOG_LEVEL must be one of ${logLevels.join(', ')}, not "${value}"`);
  return level;
}

function parseFlag(name: string, raw: string | undefined): boolean {
  const value = nonEmpty(raw)?.toLowerCase();
  if (value === undefined || ['0', 'false', 'no', 'off'].includes(value)) return false;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  throw new Error(`${name} must be 1 or 0 (true or false), not "${value}"`);
}
