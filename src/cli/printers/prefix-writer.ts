// kubectl describe's output path: text written at two-space indentation levels
// (describe.PrefixWriter), escaped for the terminal (printers.WriteEscaped), and aligned by
// Go's text/tabwriter configured as describe's tabbedString does (minwidth 0, tabwidth 8,
// padding 2, pad with spaces, no flags).
//
// Unlike `kubectl get`, describe does not remember widths across flushes: a flush (a line with a
// single cell, or an explicit flush()) starts a new, independently aligned block. Describe
// output depends on exactly where those blocks break.
import { TabWriter } from './table.js';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

/** printers.WriteEscaped: ESC and CR in data must not reach the terminal as control characters. */
export function escapeTerminal(s: string): string {
  return s.replace(/[\x1b\r]/g, (c) => (c === '\x1b' ? '^[' : '\\r'));
}

export interface PrefixWriter {
  /** Writes text after `level` two-space indents. The text carries its own tabs and newline. */
  write(level: number, text: string): void;
  /** fmt.Sprintln: the parts joined with spaces, then a newline; no indentation. */
  writeLine(...parts: string[]): void;
  /** Ends the current alignment block. */
  flush(): void;
}

export function newPrefixWriter(tw: TabWriter): PrefixWriter {
  return {
    write: (level, text) => tw.write(escapeTerminal('  '.repeat(level) + text)),
    writeLine: (...parts) => tw.write(escapeTerminal(parts.join(' ') + '\n')),
    flush: () => tw.flush(),
  };
}

/** A writer that adds `indent` levels to everything written through it (NewNestedPrefixWriter). */
export function nestedPrefixWriter(w: PrefixWriter, indent: number): PrefixWriter {
  return {
    write: (level, text) => w.write(level + indent, text),
    writeLine: (...parts) => w.write(indent, parts.join(' ') + '\n'),
    flush: () => w.flush(),
  };
}

/** describe's tabbedString: run `fn` against a fresh writer and return the aligned text. */
export function tabbedString(fn: (w: PrefixWriter) => void): string {
  const tw = new TabWriter(0, 8, 2, ' ', 0);
  fn(newPrefixWriter(tw));
  tw.flush();
  return tw.take();
}
