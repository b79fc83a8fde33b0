/**
 * A newcomer's first look: when the demo seminar is created, two example accounts (marked as such in
 * their names, with no password anyone knows) leave a short discussion on the memo — one annotation
 * of each kind, replies, tags, an edited comment — written through the same commands people use, so
 * the history is as real as any other.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Command } from '../../shared/annotations.ts';
import { describeRange } from '../../shared/selectors.ts';
import type { Database } from '../db/database.ts';
import { hashPassword } from '../auth/passwords.ts';
import { runCommand } from '../commands/annotation-commands.ts';
import { findDocumentText } from '../repos/documents.ts';
import { insertMembership } from '../repos/groups.ts';
import { insertUser } from '../repos/users.ts';

interface Note {
  by: 'ana' | 'ben';
  kind: 'comment' | 'question' | 'correction' | 'highlight';
  quote: string;
  body: string;
  tags: string[];
  replies?: Array<{ by: 'ana' | 'ben'; body: string; answers?: number }>;
  editedBody?: string;
  resolved?: boolean;
}

const notes: Note[] = [
  {
    by: 'ana',
    kind: 'comment',
    quote: 'Under the new leadership, the Soviets have cleverly gone on the offensive',
    body: 'Rodman frames Gorbachev’s human-rights diplomacy as tactics, not change.',
    editedBody: 'Rodman frames Gorbachev’s human-rights diplomacy as a tactical offensive, not a change of system — compare the Reykjavik talks a year earlier.',
    tags: ['Gorbachev', 'framing'],
    replies: [
      { by: 'ben', body: 'And yet the releases he lists later in the memo were real.' },
      { by: 'ana', body: 'Real, but reversible — that is his point in the “(a) … (b)” sentence.', answers: 0 },
    ],
  },
  {
    by: 'ben',
    kind: 'question',
    quote: 'the Soviet proposal of November 1986',
    body: 'Where was this proposal first made? Footnote 2 only points to Document 87.',
    tags: ['CSCE', 'sources'],
    replies: [{ by: 'ana', body: 'Shevardnadze put it forward at the Vienna CSCE follow-up meeting, which opened that November.' }],
    resolved: true,
  },
  {
    by: 'ana',
    kind: 'highlight',
    quote: 'it’s like everyone inviting the Nazis to host an international conference on race relations in Berlin in 1937',
    body: '',
    tags: ['rhetoric'],
  },
  {
    by: 'ben',
    kind: 'correction',
    quote: 'entree into the Middle East',
    body: 'The source reads “entree”; modern usage would be “entrée”. Keep as transcribed.',
    tags: ['transcription'],
  },
  {
    by: 'ben',
    kind: 'comment',
    quote: 'Nothing could more completely symbolize the collapse of 15 years of Western human rights policy.',
    body: 'Fifteen years: counting from the Helsinki Final Act (1975)? Or from 1972, when the CSCE talks began?',
    tags: ['Helsinki', 'chronology'],
  },
];

export async function seedDemoDiscussion(db: Database, groupId: string, documentId: string): Promise<void> {
  const document = await findDocumentText(db, documentId);
  if (!document) return;
  const authors = {
    ana: await exampleAccount(db, groupId, 'Ana Ramos (example)', 'example-ana'),
    ben: await exampleAccount(db, groupId, 'Ben Okafor (example)', 'example-ben'),
  };
  const run = async (by: 'ana' | 'ben', command: Command) => {
    const { result } = await runCommand(db, { type: 'user', id: authors[by], isAdmin: false }, command);
    if (!result.ok) throw new Error(`the demo discussion could not be written: ${result.message}`);
  };

  for (const note of notes) {
    const start = document.text.indexOf(note.quote);
    if (start < 0) continue; // another version of the memo: skip what no longer stands in it
    const annotationId = randomUUID();
    await run(note.by, {
      type: 'annotation.create',
      commandId: randomUUID(),
      annotationId,
      target: { type: 'group', groupId },
      documentId,
      kind: note.kind,
      selectors: describeRange(document.text, start, start + note.quote.length),
      body: note.body,
      tags: note.tags,
    });
    if (note.editedBody) await run(note.by, { type: 'annotation.edit', commandId: randomUUID(), annotationId, body: note.editedBody });
    const replyIds: string[] = [];
    for (const reply of note.replies ?? []) {
      const replyId = randomUUID();
      const parentId = reply.answers === undefined ? null : (replyIds[reply.answers] ?? null);
      await run(reply.by, { type: 'reply.create', commandId: randomUUID(), replyId, annotationId, parentId, body: reply.body });
      replyIds.push(replyId);
    }
    if (note.resolved) await run(note.by, { type: 'annotation.resolve', commandId: randomUUID(), annotationId });
  }
}

/** An account nobody can sign in to: its password is random and forgotten at once. */
async function exampleAccount(db: Database, groupId: string, name: string, handle: string): Promise<string> {
  const user = await insertUser(db, {
    email: `${handle}@example.invalid`,
    displayName: name,
    passwordHash: await hashPassword(randomBytes(32).toString('base64url')),
  });
  if (!user) throw new Error(`the example account ${handle} exists already`);
  await insertMembership(db, { groupId, userId: user.id, role: 'member' });
  return user.id;
}
