// The kernel's `-m recent` lists that give sessionAffinity: ClientIP its stickiness. Each node has
// its own lists (one per KUBE-SEP chain, holding the client addresses DNATed to that endpoint and
// when), so a client keeps its endpoint as long as its packets enter through the same node.

export interface AffinityTable {
  /** When srcIP was last recorded in the node's list, in virtual ms. */
  lastSeen(node: string, list: string, srcIP: string): number | undefined;
  record(node: string, list: string, srcIP: string, now: number): void;
}

/** The longest sessionAffinityConfig.clientIP.timeoutSeconds the API accepts; older entries can go. */
const MAX_STICKY_MS = 86400 * 1000;

type Lists = Record<string, Record<string, number>>;

/** Lists kept in memory (tests, one-process simulations). */
export class MemoryAffinityTable implements AffinityTable {
  private readonly nodes = new Map<string, Lists>();
  lastSeen(node: string, list: string, srcIP: string): number | undefined {
    return this.nodes.get(node)?.[list]?.[srcIP];
  }
  record(node: string, list: string, srcIP: string, now: number): void {
    const lists = this.nodes.get(node) ?? {};
    this.nodes.set(node, lists);
    recordIn(lists, list, srcIP, now);
  }
}

function recordIn(lists: Lists, list: string, srcIP: string, now: number): void {
  const entries = (lists[list] ??= {});
  for (const [ip, at] of Object.entries(entries)) if (now - at > MAX_STICKY_MS) delete entries[ip];
  entries[srcIP] = now;
}

interface Meta { getMeta(key: string): string | undefined; setMeta(key: string, value: string | undefined): void }

const metaKey = (node: string) => `proxy.recent/${node}`;

/** Lists kept in the cluster's store metadata, so stickiness outlives the command that set it. */
export class MetaAffinityTable implements AffinityTable {
  constructor(private readonly meta: Meta) {}
  private read(node: string): Lists {
    const raw = this.meta.getMeta(metaKey(node));
    return raw ? (JSON.parse(raw) as Lists) : {};
  }
  lastSeen(node: string, list: string, srcIP: string): number | undefined {
    return this.read(node)[list]?.[srcIP];
  }
  record(node: string, list: string, srcIP: string, now: number): void {
    const lists = this.read(node);
    recordIn(lists, list, srcIP, now);
    this.meta.setMeta(metaKey(node), JSON.stringify(lists));
  }
}
