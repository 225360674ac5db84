// The cluster DNS a container's own process asks (an init container's `until nslookup svc`, a
// script waiting for its database), as a function of the moment it asks. A process's output is
// recomputed from its start (plans, `mk logs`), so what the network answered must stay what it
// was: the answers are kept per container instance, epoch by epoch. The first epoch begins at the
// start, with the Services, EndpointSlices and CoreDNS pods as they were then; each change to
// those that alters an answer the process depends on opens a new epoch at the moment of the
// change, and the process is planned again from its start — the same up to then, so only its
// future (exit, later lines) moves.
//
// A question first asked within an epoch is answered from the cluster as it is when the plan
// runs, which is the epoch's own state: plans run at the start and at each change, never later.
import type { QType } from '../dns/query.js';
import type { DnsReply } from '../dns/resolver.js';

/** What the network answered the process from `at` on (absolute virtual ms), by question (`server qname qtype`). */
export interface DnsEpoch { at: number; answers: Record<string, DnsReply> }

/** One question from the process to a server, asked at absolute virtual time `at`. */
export type ProcessDns = (server: string, qname: string, qtype: QType, at: number) => DnsReply;

/** One question to the cluster as it is now. */
export type LiveDns = (server: string, qname: string, qtype: QType) => DnsReply;

const questionKey = (server: string, qname: string, qtype: QType) => `${server} ${qname} ${qtype}`;

function parseKey(key: string): [string, string, QType] {
  const [server, qname, qtype] = key.split(' ');
  return [server, qname, qtype as QType];
}

/**
 * The answers as the epochs hold them. With `live`, a question an epoch has not seen yet is asked
 * of the cluster and kept in the epoch; without (reading logs), it finds no server, as a question
 * no plan ever asked cannot have an answer to replay.
 */
export function epochDns(epochs: DnsEpoch[], live?: LiveDns): ProcessDns {
  return (server, qname, qtype, at) => {
    let e = epochs[0];
    for (const x of epochs) if (x.at <= at) e = x;
    const key = questionKey(server, qname, qtype);
    const known = e.answers[key];
    if (known !== undefined) return known;
    if (!live) return { timeout: true };
    const r = live(server, qname, qtype);
    e.answers[key] = r;
    return r;
  };
}

/**
 * The epoch a change at `at` opens: the questions the process asked so far, answered by the
 * cluster now; undefined when every answer stays the same (the process's future does not change).
 */
export function nextEpoch(epochs: DnsEpoch[], at: number, live: LiveDns): DnsEpoch | undefined {
  const asked = new Set<string>();
  for (const e of epochs) for (const k of Object.keys(e.answers)) asked.add(k);
  const last = epochs[epochs.length - 1];
  const answers: Record<string, DnsReply> = {};
  let changed = false;
  for (const k of asked) {
    answers[k] = live(...parseKey(k));
    if (JSON.stringify(answers[k]) !== JSON.stringify(last.answers[k])) changed = true;
  }
  return changed ? { at, answers } : undefined;
}
