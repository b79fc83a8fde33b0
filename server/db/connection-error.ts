/**
 * One-line explanations of why PostgreSQL could not be reached. They name the host, port, database
 * and user, never the password, because they end up in terminals and logs.
 */
export interface ServerDescription {
  host: string;
  port: string;
  database: string;
  user: string;
}

export function describeServer(url: string): ServerDescription {
  try {
    const parsed = new URL(url);
    return {
      // A socket directory may come as ?host=/var/run/postgresql instead.
      host: parsed.hostname || parsed.searchParams.get('host') || 'localhost',
      port: parsed.port || '5432',
      database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
      user: decodeURIComponent(parsed.username),
    };
  } catch {
    return { host: 'an unparseable address', port: '?', database: '', user: '' };
  }
}

const networkReasons: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
};

export function describeConnectionError(error: unknown, server: ServerDescription): string {
  const at = `${server.host}:${server.port}`;
  const code = errorCode(error);
  if (code && networkReasons[code]) return `cannot reach PostgreSQL at ${at} (${networkReasons[code]})`;
  switch (code) {
    case '3D000':
      return `PostgreSQL at ${at} has no database "${server.database}"`;
    case '28P01':
    case '28000':
      return `PostgreSQL at ${at} refused user "${server.user}" (authentication failed)`;
    case '42501':
      return `PostgreSQL at ${at}: user "${server.user}" lacks a needed privilege`;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/timeout/i.test(message)) return `cannot reach PostgreSQL at ${at} (timed out)`;
  return `cannot connect to PostgreSQL at ${at} (${firstLine(message)})`;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  // Node reports several addresses (IPv4 and IPv6) as an AggregateError whose parts carry the code.
  if (error instanceof AggregateError && error.errors.length > 0) return errorCode(error.errors[0]);
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/**
 * Whether an error means the database is out of reach for now (network, shutdown, too many
 * connections), as opposed to a fault in the query: the caller may answer "try again".
 */
export function isConnectionError(error: unknown): boolean {
  const code = errorCode(error);
  if (code && (networkReasons[code] || code === 'EPIPE' || code.startsWith('08') || code === '57P01' || code === '57P03' || code === '53300')) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(message);
}
