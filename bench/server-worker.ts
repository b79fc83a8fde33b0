/**
 * Marginalia's server in a child process of its own, so that its memory and CPU are its own. It
 * starts on port 0 in the schema the parent created, and prepares a seminar for the run: an owner
 * (the writer of the fan-out), members who write in the throughput phase, and a few reader accounts
 * that the reader providers share (sign-up is rate limited per IP, so accounts are made here, through
 * the sign-up command, not over HTTP).
 */
import { startServer, type RunningServer } from '../server/start-server.ts';
import { signUp } from '../server/commands/sign-up.ts';
import { insertMembership } from '../server/repos/groups.ts';
import { findDocumentText } from '../server/repos/documents.ts';
import { sessionCookieName } from '../server/auth/session-tokens.ts';
import { serveParent } from './child-process.ts';

export interface ServerSetup {
  databaseUrl: string;
  schema: string;
  documentId: string;
  /** Members who send commands (the first is the seminar's owner). */
  writers: number;
  /** Members whose sessions the reader providers share. */
  readerAccounts: number;
}

export interface PreparedServer {
  url: string;
  groupId: string;
  roomName: string;
  text: string;
  writerCookies: string[];
  readerCookies: string[];
}

let server: RunningServer | null = null;

async function start(setup: ServerSetup): Promise<PreparedServer> {
  server = await startServer(
    { port: 0, databaseUrl: setup.databaseUrl, dataDir: process.cwd(), logLevel: 'silent', isDev: false, withDemoDiscussion: false },
    { port: 0, schema: setup.schema },
  );
  const db = server.db;
  const account = async (name: string, index: number) => {
    const { user, session } = await signUp(db, { name: `${name} ${index}`, email: `${name.toLowerCase()}.${index}@bench.example.edu`, password: `bench password ${index} ${setup.schema}` });
    return { id: user.id, cookie: `${sessionCookieName}=${session.token}` };
  };
  const writers = [];
  for (let i = 0; i < setup.writers; i += 1) writers.push(await account('Writer', i));
  const readers = [];
  for (let i = 0; i < setup.readerAccounts; i += 1) readers.push(await account('Reader', i));

  const owner = writers[0]!;
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${server!.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server!.url, cookie: owner.cookie },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const group = await post('/api/groups', { name: 'Lecture hall' });
  const groupId = String(group.id);
  await post(`/api/groups/${groupId}/documents`, { documentId: setup.documentId });
  for (const member of [...writers.slice(1), ...readers]) await insertMembership(db, { groupId, userId: member.id, role: 'member' });
  const text = (await findDocumentText(db, setup.documentId))?.text;
  if (!text) throw new Error(`the seed document ${setup.documentId} is missing`);
  return {
    url: server.url,
    groupId,
    roomName: `group/${groupId}/${setup.documentId}`,
    text,
    writerCookies: writers.map((w) => w.cookie),
    readerCookies: readers.map((r) => r.cookie),
  };
}

function usage() {
  return { memory: process.memoryUsage(), cpu: process.cpuUsage() };
}

serveParent({ start, usage }, async () => {
  await server?.close();
  server = null;
});
