// The result of running a plugin (pkg/scheduler/framework/interface.go, 1.32): a code plus the
// reasons a user reads in FailedScheduling events. `null` means Success, as a nil *Status does
// upstream, so the common path allocates nothing.

export const Code = {
  Success: 0,
  /** An internal error: not the pod's fault; retried with back-off. */
  Error: 1,
  /** The pod does not fit now, but preemption might make room. */
  Unschedulable: 2,
  /** The pod cannot fit and preempting other pods would not change that. */
  UnschedulableAndUnresolvable: 3,
  Wait: 4,
  /** The plugin has nothing to do for this pod (PreFilter/PreScore); its later stage is skipped. */
  Skip: 5,
  /** Waiting on something outside the scheduler (e.g. a resource claim); not a rejection. */
  Pending: 6,
} as const;
export type Code = (typeof Code)[keyof typeof Code];

const codeNames = ['Success', 'Error', 'Unschedulable', 'UnschedulableAndUnresolvable', 'Wait', 'Skip', 'Pending'] as const;
export type CodeName = (typeof codeNames)[number];
export const codeName = (c: Code): CodeName => codeNames[c];

export class Status {
  /** The plugin that produced this status; set by the framework. */
  plugin = '';
  readonly reasons: readonly string[];

  constructor(readonly code: Code, reasons: readonly string[] = [], readonly err?: Error) {
    this.reasons = err ? [err.message, ...reasons] : reasons;
  }

  /** The reasons joined the way events and conditions print them. */
  message(): string {
    return this.reasons.join(', ');
  }

  isSuccess(): boolean {
    return this.code === Code.Success;
  }

  isSkip(): boolean {
    return this.code === Code.Skip;
  }

  /** Unschedulable, UnschedulableAndUnresolvable or Pending: the pod was turned away, not broken. */
  isRejected(): boolean {
    return this.code === Code.Unschedulable || this.code === Code.UnschedulableAndUnresolvable || this.code === Code.Pending;
  }

  withPlugin(plugin: string): this {
    this.plugin = plugin;
    return this;
  }

  toString(): string {
    return `${codeName(this.code)}: ${this.message()}`;
  }
}

export const newStatus = (code: Code, ...reasons: string[]): Status => new Status(code, reasons);

/** framework.AsStatus(err). */
export const asStatus = (err: Error): Status => new Status(Code.Error, [], err);

export const isSuccess = (s: Status | null | undefined): boolean => s == null || s.isSuccess();

/** Code of a possibly-nil status. */
export const statusCode = (s: Status | null | undefined): Code => (s == null ? Code.Success : s.code);

/**
 * NodeToStatus: each rejected node's status, plus one status standing for every node not listed
 * (e.g. all nodes when PreFilter failed, or those a PreFilterResult left out).
 */
export class NodeToStatus {
  private readonly byNode = new Map<string, Status>();

  constructor(entries: Iterable<[string, Status]> = [], private absent: Status = newStatus(Code.UnschedulableAndUnresolvable)) {
    for (const [k, v] of entries) this.byNode.set(k, v);
  }

  get(nodeName: string): Status {
    return this.byNode.get(nodeName) ?? this.absent;
  }

  set(nodeName: string, status: Status): void {
    this.byNode.set(nodeName, status);
  }

  has(nodeName: string): boolean {
    return this.byNode.has(nodeName);
  }

  /** Number of explicitly recorded nodes. */
  get size(): number {
    return this.byNode.size;
  }

  absentNodesStatus(): Status {
    return this.absent;
  }

  setAbsentNodesStatus(s: Status): void {
    this.absent = s;
  }

  forEachExplicitNode(fn: (nodeName: string, status: Status) => void): void {
    for (const [k, v] of this.byNode) fn(k, v);
  }

  /** The nodes (out of all) whose status has this code, absent ones included when the code matches. */
  nodesForStatusCode<N extends { name: string }>(all: readonly N[], code: Code): N[] {
    if (this.absent.code === code) return all.filter((n) => this.get(n.name).code === code);
    return all.filter((n) => this.byNode.get(n.name)?.code === code);
  }
}
