/** The page's connection as its reader should understand it: live, connecting, or offline with waiting changes. */
export type ConnectionState = { type: 'live' } | { type: 'connecting' } | { type: 'offline' } | { type: 'closed'; reason: string };

export function connectionLabel(state: ConnectionState, pending: number): string {
  const waiting = pending === 0 ? '' : ` · ${pending} ${pending === 1 ? 'change' : 'changes'} waiting to be sent`;
  switch (state.type) {
    case 'live':
      return pending === 0 ? 'Live' : `Sending${waiting}`;
    case 'connecting':
      return `Connecting…${waiting}`;
    case 'offline':
      return `Offline: you can keep reading and writing${waiting}`;
    case 'closed':
      return `Disconnected: ${state.reason}${waiting}`;
  }
}
