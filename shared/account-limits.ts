/**
 * The limits of accounts and seminars that forms and server share, and the roles, as values the
 * browser needs apart from the zod schemas of accounts.ts (the client's bundle carries no schema code).
 */
export const limits = {
  displayName: 80,
  email: 254,
  passwordMin: 10,
  passwordMax: 256,
  groupName: 120,
  groupDescription: 2000,
  inviteMaxUses: 10_000,
} as const;

/** Roles in a seminar group, strongest first. Observers read and follow, and write nothing. */
export const roles = ['owner', 'moderator', 'member', 'observer'] as const;
export type Role = (typeof roles)[number];
