// The terminal the container runtime gives a process started with a TTY (`kubectl exec -t`): the
// client's terminal is raw, so the pty's line discipline echoes what is typed, edits the line
// (backspace, Ctrl-U), ends it at Enter, turns Ctrl-C into an interrupt and Ctrl-D on an empty
// line into end of input; what the process writes has its newlines sent as CR LF.

export type TtyEvent = { type: 'line'; text: string } | { type: 'interrupt' } | { type: 'eof' };

export class LineDiscipline {
  private line = '';

  constructor(private readonly echo: (s: string) => void) {}

  /** What typing `data` does: the events it completes, echoing as a terminal does. */
  push(data: Buffer): TtyEvent[] {
    const events: TtyEvent[] = [];
    for (const ch of data.toString('utf8')) {
      switch (ch) {
        case '\r':
        case '\n':
          this.echo('\r\n');
          events.push({ type: 'line', text: this.line });
          this.line = '';
          break;
        case '\x7f':
        case '\b':
          if (this.line) {
            this.line = [...this.line].slice(0, -1).join('');
            this.echo('\b \b');
          }
          break;
        case '\x15':
          this.echo('\b \b'.repeat([...this.line].length));
          this.line = '';
          break;
        case '\x03':
          this.echo('^C');
          this.line = '';
          events.push({ type: 'interrupt' });
          break;
        case '\x04':
          if (!this.line) events.push({ type: 'eof' });
          break;
        default:
          if (ch >= ' ' || ch === '\t') {
            this.line += ch;
            this.echo(ch);
          }
      }
    }
    return events;
  }
}

/** The pty's output processing (ONLCR): a newline goes out as CR LF. */
export function onlcr(s: string): string {
  return s.replace(/\r?\n/g, '\r\n');
}

/** A queue read with `for await`: values pushed until end() is called. */
export class AsyncQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private waiting: ((r: IteratorResult<T>) => void) | undefined;
  private ended = false;

  push(v: T): void {
    if (this.ended) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w({ value: v, done: false });
    } else this.items.push(v);
  }

  end(): void {
    this.ended = true;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w({ value: undefined, done: true });
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.items.length) return Promise.resolve({ value: this.items.shift() as T, done: false });
        if (this.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => { this.waiting = resolve; });
      },
      return: () => {
        this.end();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
