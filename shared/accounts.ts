/**
 * Accounts, seminar groups and invites as both sides see them: the limits the forms and the server
 * share, the zod schemas every request body passes through, and the wire records.
 */
import { z } from 'zod';
import { limits, roles, type Role } from './account-limits.ts';

export { limits, roles, type Role } from './account-limits.ts';

export const roleSchema = z.enum(roles);
/** An invite may not make owners: ownership is given by an owner, to a person, not to a link. */
export const inviteRoleSchema = z.enum(['moderator', 'member', 'observer']);

const displayName = z.string().trim().min(1, 'Enter a display name').max(limits.displayName, `A display name has at most ${limits.displayName} characters`);
const email = z.string().trim().max(limits.email).pipe(z.email('Enter a valid email address'));
const password = z
  .string()
  .min(limits.passwordMin, `A password has at least ${limits.passwordMin} characters`)
  .max(limits.passwordMax, `A password has at most ${limits.passwordMax} characters`);

export const signUpSchema = z.object({ name: displayName, email, password }).strict();
export const signInSchema = z.object({ email: z.string().trim().max(limits.email), password: z.string().max(limits.passwordMax) }).strict();
export const changePasswordSchema = z.object({ currentPassword: z.string().max(limits.passwordMax), newPassword: password }).strict();
export const updateMeSchema = z.object({ name: displayName }).strict();

export const createGroupSchema = z
  .object({
    name: z.string().trim().min(1, 'Enter a name for the seminar').max(limits.groupName),
    description: z.string().trim().max(limits.groupDescription).default(''),
  })
  .strict();
export const createInviteSchema = z
  .object({
    role: inviteRoleSchema.default('member'),
    expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
    maxUses: z.number().int().min(1).max(limits.inviteMaxUses).nullable().optional(),
  })
  .strict();
export const changeRoleSchema = z.object({ role: roleSchema }).strict();
export const addGroupDocumentSchema = z.object({ documentId: z.string().min(1).max(200) }).strict();

export interface UserRecord {
  id: string;
  name: string;
  email: string;
  isAdmin: boolean;
}

export interface GroupSummary {
  id: string;
  name: string;
  description: string;
  role: Role;
  memberCount: number;
}

export interface MemberRecord {
  userId: string;
  name: string;
  role: Role;
  joinedAt: string;
  /** Has a connection open now (several tabs count once). */
  isOnline: boolean;
}

export interface GroupDocumentRecord {
  id: string;
  title: string;
  addedAt: string;
}

export interface GroupRecord extends GroupSummary {
  members: MemberRecord[];
  documents: GroupDocumentRecord[];
}

export interface InviteRecord {
  id: string;
  token: string;
  url: string;
  role: Role;
  expiresAt: string | null;
  maxUses: number | null;
  uses: number;
  revokedAt: string | null;
  createdAt: string;
}

/** What an invite link shows before it is accepted: enough to decide, nothing about the members. */
export interface InvitePreview {
  groupName: string;
  role: Role;
  isUsable: boolean;
}
