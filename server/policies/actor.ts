/** Who is asking: nobody (no valid session) or a signed-in user. Identity comes from the session only. */
export type Actor = { type: 'anonymous' } | { type: 'user'; id: string; isAdmin: boolean };

export const anonymous: Actor = { type: 'anonymous' };
