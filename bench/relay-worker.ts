/** The reference relay in a child process of its own, like Marginalia's server. */
import { serveParent } from './child-process.ts';
import { startReferenceRelay, type ReferenceRelay } from './reference-relay.ts';

let relay: ReferenceRelay | null = null;

serveParent(
  {
    async start() {
      relay = await startReferenceRelay();
      return { url: relay.url };
    },
    usage: () => ({ memory: process.memoryUsage(), cpu: process.cpuUsage() }),
  },
  async () => {
    await relay?.close();
    relay = null;
  },
);
