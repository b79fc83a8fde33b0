/**
 * Creates an account and its first session. The first account on an instance becomes its
 * administrator and the owner of the demo seminar, decided by the instance row inside the same
 * transaction, so two simultaneous first sign-ups cannot both win.
 */
import type { Database } from '../db/database.ts';
import { hashPassword } from '../auth/passwords.ts';
import { signUpRefused } from '../errors.ts';
import { claimFirstUser, findDemoGroupId } from '../repos/instance.ts';
import { insertMembership } from '../repos/groups.ts';
import { insertUser, setUserAdmin, type UserRow } from '../repos/users.ts';
import { openSession, type OpenedSession } from './sessions.ts';

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
}

export async function signUp(db: Database, input: SignUpInput): Promise<{ user: UserRow; session: OpenedSession }> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const user = await insertUser(tx, { email: input.email, displayName: input.name, passwordHash });
    if (!user) throw signUpRefused();
    if (await claimFirstUser(tx, user.id)) {
      await setUserAdmin(tx, user.id);
      user.isAdmin = true;
      const demoGroupId = await findDemoGroupId(tx);
      if (demoGroupId) await insertMembership(tx, { groupId: demoGroupId, userId: user.id, role: 'owner' });
    }
    const session = await openSession(tx, user.id);
    return { user, session };
  });
}
