/**
 * Password hashing with argon2id (the `argon2` package's defaults: 64 MiB, 3 passes, 4 lanes).
 * A sign-in for an unknown email still verifies against a fixed hash, so that the time taken does not
 * tell whether the account exists.
 */
import argon2 from 'argon2';

let decoy: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  decoy ??= hashPassword('a password nobody has, to spend the same time');
  const matches = await argon2.verify(hash ?? (await decoy), password);
  return hash !== null && matches;
}
