/**
 * Who is connected now: a count of open sockets per user, so that a person with three tabs is online
 * once and goes offline when the last tab closes. In memory: presence is relayed, never stored.
 */
export interface Presence {
  /** Counts a socket; true when the user just came online. */
  connect(userId: string): boolean;
  /** Uncounts a socket; true when the user just went offline. */
  disconnect(userId: string): boolean;
  isOnline(userId: string): boolean;
}

export function createPresence(): Presence {
  const sockets = new Map<string, number>();
  return {
    connect(userId) {
      const count = (sockets.get(userId) ?? 0) + 1;
      sockets.set(userId, count);
      return count === 1;
    },
    disconnect(userId) {
      const count = (sockets.get(userId) ?? 0) - 1;
      if (count > 0) {
        sockets.set(userId, count);
        return false;
      }
      sockets.delete(userId);
      return true;
    },
    isOnline: (userId) => (sockets.get(userId) ?? 0) > 0,
  };
}
