/**
 * Once per test run: a migrated PGlite data folder that every test copies (creating one costs seconds,
 * copying it milliseconds), and a built client for the end-to-end tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../../server/db/pglite.ts';
import { migrate } from '../../server/db/migrate.ts';
import { ensureClientBuilt } from '../../server/client-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data folder to copy; see tests/helpers/database.ts. */
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'marginalia-template-'));
  const template = path.join(root, 'pglite');
  const db = await openPglite(template);
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  await ensureClientBuilt();
  project.provide('pgliteTemplate', template);
  return () => rm(root, { recursive: true, force: true });
}
