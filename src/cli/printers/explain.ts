// `mk scheduler explain` output: the scheduler's own trace of one cycle (Diagnosis.NodeToStatus,
// every filter's verdict, the score maps) rendered for people, or as JSON for tools. Nothing here
// judges a node: every verdict and number comes from the Explanation the scheduler produced.
// cli-table3 rather than the tabwriter: this view is mk's own, and failure reasons are long
// enough that they need wrapping to stay inside 100 columns.
import Table from 'cli-table3';
import type { Explanation, NodeExplanation } from '../../scheduler/scheduler.js';
import { codeName, type Status } from '../../scheduler/status.js';

/** Where the explained pod came from, which changes what the explanation means. */
export type ExplainOrigin =
  | { kind: 'pending' }
  /** Already bound: the cycle is rerun against the cluster as it is now, the pod taken off its node. */
  | { kind: 'bound'; node: string }
  /** Not created: decoded from a manifest and admitted in a dry run. */
  | { kind: 'file'; source: string };

export interface ExplainSubject {
  namespace: string;
  name: string;
  origin: ExplainOrigin;
  /** Why the scheduler would not try this pod at all as things stand (gates, another scheduler). */
  notes?: string[];
}

export interface ExplainRenderOptions {
  color: boolean;
  /** Terminal width the tables must fit; 100 unless told. */
  width?: number;
}

const ansi = (code: string, color: boolean) => (s: string) => (color ? `\u001b[${code}m${s}\u001b[39m` : s);

/** The text one filter verdict prints: kube-scheduler's reasons for a rejection. */
function verdictText(v: NodeExplanation['filters'][number]): string {
  if (v.skipped) return 'skip (nothing to check)';
  return v.status ? v.status.message() : 'pass';
}

function header(subject: ExplainSubject, x: Explanation): string {
  const ref = `pod/${subject.name} in namespace ${subject.namespace}`;
  const o = subject.origin;
  let line: string;
  if (o.kind === 'bound') {
    line = `${ref} is bound to ${o.node}; this is the decision the scheduler would make now, against the cluster as it is now, with the pod taken off its node.`;
  } else if (o.kind === 'file') {
    line = `${ref} from ${o.source}, not created: defaulted and admitted in a dry run, then explained against the cluster as it is now.`;
  } else {
    line = `${ref} is pending; explained against the cluster as it is now.`;
  }
  const lines = [line, ...(subject.notes ?? [])];
  if (x.preFilterStatus && !x.preFilterStatus.isSuccess()) {
    lines.push(`PreFilter: ${x.preFilterStatus.plugin || 'a plugin'} rejected the pod on every node: ${x.preFilterStatus.message()}`);
  } else if (x.preFilterNodes) {
    lines.push(`PreFilter: only ${x.preFilterNodes.join(', ')} can fit; filters ran on ${x.preFilterNodes.length === 1 ? 'it' : 'them'} alone.`);
  }
  if (x.notEvaluated?.length) {
    const n = x.notEvaluated.length;
    lines.push(`Filtering started at ${x.startNode} (the scheduler's nextStartNodeIndex) and stopped once ${x.numNodesToFind} nodes fit (percentageOfNodesToScore): ${n} node${n === 1 ? ' was' : 's were'} not evaluated in this cycle.`);
  }
  return lines.join('\n') + '\n';
}

/** Column widths (content plus cli-table3's one-space padding each side) that fit `width`. */
function fitWidths(natural: number[], width: number, wrapCol: number): number[] {
  const widths = natural.map((w) => w + 2);
  const borders = widths.length + 1;
  const others = widths.reduce((a, w, i) => (i === wrapCol ? a : a + w), 0);
  widths[wrapCol] = Math.min(widths[wrapCol], Math.max(12, width - borders - others));
  return widths;
}

function newTable(head: string[], colWidths: number[], color: boolean, align?: Array<'left' | 'right'>): Table.Table {
  return new Table({
    head,
    colWidths,
    colAligns: align ?? [],
    wordWrap: true,
    style: { head: color ? ['bold'] : [], border: color ? ['grey'] : [], compact: true },
  });
}

function filterTable(x: Explanation, opts: ExplainRenderOptions): string {
  const red = ansi('31', opts.color);
  const green = ansi('32', opts.color);
  const rows: Array<{ node: string; plugin: string; text: string; ok: boolean }> = [];
  for (const n of x.nodes) {
    if (!n.evaluated) {
      rows.push({ node: n.name, plugin: '(not evaluated)', text: `enough feasible nodes (${x.numNodesToFind}) were found first`, ok: false });
      continue;
    }
    if (n.filters.length === 0) {
      // PreFilter rejected the pod or left the node out: no filter ran on it.
      rows.push({ node: n.name, plugin: '(not filtered)', text: n.status ? n.status.message() : 'pass', ok: !n.status });
      continue;
    }
    for (const f of n.filters) rows.push({ node: n.name, plugin: f.plugin, text: verdictText(f), ok: !f.status });
  }
  const natural = [
    Math.max(4, ...rows.map((r) => r.node.length)),
    Math.max(6, ...rows.map((r) => r.plugin.length)),
    Math.max(6, ...rows.map((r) => r.text.length)),
  ];
  const t = newTable(['NODE', 'FILTER', 'RESULT'], fitWidths(natural, opts.width ?? 100, 2), opts.color);
  for (const n of x.nodes) {
    const mine = rows.filter((r) => r.node === n.name);
    mine.forEach((r, i) => {
      const cells: Table.Cell[] = [r.plugin, r.ok ? green(r.text) : red(r.text)];
      if (i === 0) cells.unshift({ content: n.name, rowSpan: mine.length, vAlign: 'top' });
      t.push(cells);
    });
  }
  return t.toString() + '\n';
}

function scoreTable(x: Explanation, opts: ExplainRenderOptions): string {
  const scored = x.nodes.filter((n) => n.scores !== undefined);
  const head = ['NODE', 'SCORE PLUGIN', 'RAW', 'NORMALIZED', 'WEIGHT', 'WEIGHTED'];
  const rows: string[][] = [];
  for (const n of scored) {
    for (const s of n.scores!) rows.push([n.name, s.name, String(s.raw), String(s.normalized), String(s.weight), String(s.score)]);
    rows.push([n.name, 'total', '', '', '', String(n.totalScore ?? 0)]);
  }
  const natural = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const t = newTable(head, fitWidths(natural, opts.width ?? 100, 0), opts.color, ['left', 'left', 'right', 'right', 'right', 'right']);
  for (const n of scored) {
    const mine = rows.filter((r) => r[0] === n.name);
    mine.forEach((r, i) => t.push(i === 0 ? [{ content: n.name, rowSpan: mine.length, vAlign: 'top' }, ...r.slice(1)] : r.slice(1)));
  }
  return t.toString() + '\n';
}

/** The choice and why, in one short paragraph. */
function decision(subject: ExplainSubject, x: Explanation): string {
  if (x.outcome === 'Error') return `Choice: none. The scheduling cycle fails with an error: ${x.message}\n`;
  if (x.outcome === 'Unschedulable') {
    let out = `Choice: none. The scheduler records FailedScheduling:\n  ${x.message}\n`;
    if (x.nominatedNodeName) {
      const victims = x.victims?.length ? `, once it has evicted ${x.victims.join(', ')}` : '';
      out += `Preemption nominates ${x.nominatedNodeName}: the pod is retried there${victims}.\n`;
    }
    return out;
  }
  const chosen = x.selectedNode ?? '';
  const feasible = x.nodes.filter((n) => n.status === null && n.evaluated);
  let out: string;
  if (!x.nodes.some((n) => n.scores !== undefined)) {
    out = feasible.length === 1
      ? `Choice: ${chosen}, the only node that passes every filter (the scheduler does not score a single feasible node).\n`
      : `Choice: ${chosen}. The profile has no score plugins, so every feasible node scores 1 and ties are broken at random.\n`;
  } else {
    const best = x.bestNodes ?? [chosen];
    const top = x.nodes.find((n) => n.name === chosen)?.totalScore ?? 0;
    out = best.length > 1
      ? `Choice: ${chosen}. It was a tie: ${best.join(', ')} share the highest total score, ${top}. The scheduler breaks ties by reservoir sampling with the cluster's seeded generator, which from its current state picks ${chosen}.\n`
      : `Choice: ${chosen}, the highest total score, ${top}.\n`;
  }
  const o = subject.origin;
  if (o.kind === 'bound' && o.node !== chosen) {
    out += (x.bestNodes ?? []).includes(o.node)
      ? `The pod is bound to ${o.node}, another of the tied nodes: the draw that placed it came from an earlier state of the generator.\n`
      : `The pod is bound to ${o.node}: the cluster has changed since it was scheduled.\n`;
  }
  return out;
}

/** The whole human-readable explanation. */
export function renderExplanation(subject: ExplainSubject, x: Explanation, opts: ExplainRenderOptions): string {
  let out = header(subject, x) + '\nFilters (the first plugin to reject a node is the reason recorded for it):\n' + filterTable(x, opts);
  if (x.nodes.some((n) => n.scores !== undefined)) out += '\nScores of the feasible nodes:\n' + scoreTable(x, opts);
  return out + '\n' + decision(subject, x);
}

const statusJSON = (s: Status | null) => (s ? { code: codeName(s.code), plugin: s.plugin, reasons: [...s.reasons] } : null);

/** `-o json`: the same facts, for tools; statuses as code name, plugin and reasons. */
export function explanationJSON(subject: ExplainSubject, x: Explanation): unknown {
  return {
    pod: { namespace: subject.namespace, name: subject.name },
    origin: subject.origin,
    ...(subject.notes?.length ? { notes: subject.notes } : {}),
    outcome: x.outcome,
    message: x.message,
    preFilterStatus: statusJSON(x.preFilterStatus),
    ...(x.preFilterNodes ? { preFilterNodes: x.preFilterNodes } : {}),
    ...(x.notEvaluated?.length ? { numNodesToFind: x.numNodesToFind, startNode: x.startNode, notEvaluated: x.notEvaluated } : {}),
    nodes: x.nodes.map((n) => ({
      name: n.name,
      ...(n.evaluated ? {} : { evaluated: false }),
      status: statusJSON(n.status),
      filters: n.filters.map((f) => ({ plugin: f.plugin, result: f.skipped ? 'Skip' : f.status ? codeName(f.status.code) : 'Success', reasons: f.status ? [...f.status.reasons] : [] })),
      ...(n.scores ? { scores: n.scores.map((s) => ({ plugin: s.name, raw: s.raw, normalized: s.normalized, weight: s.weight, weighted: s.score })), totalScore: n.totalScore } : {}),
    })),
    ...(x.bestNodes ? { bestNodes: x.bestNodes, tie: x.bestNodes.length > 1 } : {}),
    ...(x.selectedNode ? { selectedNode: x.selectedNode } : {}),
    ...(x.nominatedNodeName ? { nominatedNodeName: x.nominatedNodeName, victims: x.victims ?? [] } : {}),
  };
}
