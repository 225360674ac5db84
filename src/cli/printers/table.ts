// kubectl's human-readable (`get`, `get -o wide`) output, byte for byte:
// - TabWriter: github.com/liggitt/tabwriter (Go's text/tabwriter plus RememberWidths) as
//   cli-runtime's GetNewTabWriter configures it (minwidth 6, tabwidth 4, padding 3, ' ').
// - printTable / decorateTable: cli-runtime/pkg/printers/tableprinter.go (v0.32).
// - printGet: the printing loop of kubectl/pkg/cmd/get/get.go Run (v0.32): `kind/name` when
//   several kinds are listed, a blank line between kinds, NAMESPACE for namespaced kinds with -A.
import { formatLabels } from '../../api/table.js';
import type { Table, TableCell, TableColumn, TableRow } from '../../api/table.js';

// ---------------------------------------------------------------------------------------------
// TabWriter

interface Cell {
  text: string;
  width: number; // cell width in code points (Go counts runes)
}

/** Remember maximum widths seen per column even after flush() (liggitt/tabwriter RememberWidths). */
export const RememberWidths = 1 << 6;

/**
 * Elastic-tabstop column aligner. Cells are terminated by '\t' (or '\v'); lines by '\n' or
 * '\f'. Tab-terminated cells in contiguous lines form a column, padded to the widest cell plus
 * `padding` (at least `minwidth`); the trailing cell of a line is not part of a column and is
 * never padded. Escapes, HTML filtering, right alignment and tab padding — options kubectl never
 * sets — are left out, so `tabwidth` only documents the configuration. Upstream keeps one byte
 * buffer with cell sizes; cells here keep their own text, which JS strings make cheaper.
 */
export class TabWriter {
  private cell = ''; // text of the current, unterminated cell
  private lines: Cell[][] = [[]];
  private widths: number[] = [];
  private maxwidths: number[] = [];
  private out: string[] = [];
  private pads: string[] = [];

  constructor(
    private readonly minwidth: number,
    readonly tabwidth: number,
    private readonly padding: number,
    private readonly padchar: string,
    private readonly flags: number,
  ) {
    if (minwidth < 0 || tabwidth < 0 || padding < 0) throw new Error('negative minwidth, tabwidth, or padding');
  }

  /** Formatted text so far (everything flushed), consumed. */
  take(): string {
    const s = this.out.join('');
    this.out = [];
    return s;
  }

  rememberedWidths(): number[] {
    return [...this.maxwidths];
  }

  setRememberedWidths(widths: readonly number[] | null): void {
    this.maxwidths = widths ? [...widths] : [];
  }

  write(text: string): void {
    let n = 0;
    separators.lastIndex = 0;
    for (let m = separators.exec(text); m !== null; m = separators.exec(text)) {
      const i = m.index;
      const ch = text.charCodeAt(i);
      // end of cell ('\t' and '\v' differ only for DiscardEmptyColumns, which kubectl doesn't set)
      this.cell += text.slice(n, i);
      n = i + 1;
      const ncells = this.terminateCell();
      if (ch === 0x0a || ch === 0x0c) {
        // terminate line
        this.lines.push([]);
        if (ch === 0x0c || ncells === 1) {
          // A '\f' always forces a flush. Otherwise, if the previous line has only one cell
          // which does not have an impact on the formatting of the following lines (the last
          // cell per line is ignored by format()), thus we can flush the Writer contents.
          this.flush();
        }
      }
    }
    this.cell += text.slice(n);
  }

  /** Same as write(cells.join('\t') + '\n'), without re-scanning cells that hold no separator. */
  writeLine(cells: readonly string[]): void {
    if (this.cell.length > 0 || cells.some((c) => separatorTest.test(c))) {
      this.write(cells.join('\t') + '\n');
      return;
    }
    const line = this.lines[this.lines.length - 1];
    const last = cells.length - 1;
    for (let j = 0; j < last; j++) line.push({ text: cells[j], width: codePointCount(cells[j]) });
    line.push({ text: last >= 0 ? cells[last] : '', width: last >= 0 ? codePointCount(cells[last]) : 0 });
    this.lines.push([]);
    if (line.length === 1) this.flush();
  }

  /** Formats and emits everything buffered; call after the last write. */
  flush(): void {
    // add current cell if not empty
    if (this.cell.length > 0) this.terminateCell();
    this.format(0, this.lines.length);
    this.reset();
  }

  private reset(): void {
    this.cell = '';
    this.lines = [[]];
    this.widths = [];
  }

  private terminateCell(): number {
    const line = this.lines[this.lines.length - 1];
    line.push({ text: this.cell, width: codePointCount(this.cell) });
    this.cell = '';
    return line.length;
  }

  private padTo(textw: number, cellw: number): string {
    // padding is done with non-tab characters
    const n = cellw - textw;
    if (n <= 0) return '';
    return (this.pads[n] ??= this.padchar.repeat(n));
  }

  private writeLines(line0: number, line1: number): void {
    // One string per line: thousands of rows make far fewer pieces to join than cells do.
    const widths = this.widths;
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      let text = '';
      for (let j = 0; j < line.length; j++) {
        const c = line[j];
        // cells are left-aligned; an empty cell is all padding
        text += c.text;
        if (j < widths.length) text += this.padTo(c.width, widths[j]);
      }
      if (i + 1 === this.lines.length) {
        // last buffered line - we don't have a newline, so just write
        // any outstanding buffered data
        this.out.push(text + this.cell);
      } else {
        // not the last line - write newline
        this.out.push(text + '\n');
      }
    }
  }

  // Format the text between line0 and line1 (excluding line1).
  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let thisLine = line0; thisLine < line1; thisLine++) {
      let line = this.lines[thisLine];

      if (column >= line.length - 1) continue;
      // cell exists in this column => this line has more cells than the previous line
      // (the last cell per line is ignored because cells are tab-terminated; the last cell per
      // line describes the text before the newline/formfeed and does not belong to a column)

      // print unprinted lines until beginning of block
      this.writeLines(line0, thisLine);
      line0 = thisLine;

      // column block begin
      let width = this.minwidth; // minimal column width
      for (; thisLine < line1; thisLine++) {
        line = this.lines[thisLine];
        if (column >= line.length - 1) break;
        // cell exists in this column
        const w = line[column].width + this.padding;
        if (w > width) width = w;
      }
      // column block end

      if (this.flags & RememberWidths) {
        if (this.maxwidths.length < this.widths.length) {
          this.maxwidths.push(...this.widths.slice(this.maxwidths.length));
        }
        if (this.maxwidths.length === this.widths.length) {
          this.maxwidths.push(width);
        } else if (this.maxwidths[this.widths.length] > width) {
          width = this.maxwidths[this.widths.length];
        } else if (this.maxwidths[this.widths.length] < width) {
          this.maxwidths[this.widths.length] = width;
        }
      }

      // format and print all columns to the right of this column
      // (we know the widths of this column and all columns to the left)
      this.widths.push(width);
      this.format(line0, thisLine);
      this.widths.pop();
      line0 = thisLine;
    }

    // print unprinted lines until end
    this.writeLines(line0, line1);
  }
}

const separators = /[\t\n\v\f]/g;
const separatorTest = /[\t\n\v\f]/;
const surrogates = /[\ud800-\udfff]/;

// Code points in s (Go measures cells in runes).
function codePointCount(s: string): number {
  if (!surrogates.test(s)) return s.length;
  let n = s.length;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // a low surrogate following a high one is the second half of one code point
    if (c >= 0xdc00 && c <= 0xdfff) {
      const p = s.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) n--;
    }
  }
  return n;
}

const tabwriterMinWidth = 6;
const tabwriterWidth = 4;
const tabwriterPadding = 3;
const tabwriterPadChar = ' ';
const tabwriterFlags = RememberWidths;

/** printers.GetNewTabWriter: the tabwriter every kubectl table goes through. */
export function newTabWriter(): TabWriter {
  return new TabWriter(tabwriterMinWidth, tabwriterWidth, tabwriterPadding, tabwriterPadChar, tabwriterFlags);
}

// ---------------------------------------------------------------------------------------------
// printTable / decorateTable

/** printers.PrintOptions as `kubectl get` sets them. */
export interface PrintOptions {
  noHeaders?: boolean;
  /** Prepend a NAMESPACE column (from each row object's metadata). */
  withNamespace?: boolean;
  /** Append a LABELS column. */
  showLabels?: boolean;
  /** `-L key`: one column per label key, headed by the key's last path segment upper-cased. */
  columnLabels?: readonly string[];
  /** The GroupKind ("Pod", "Deployment.apps") to prefix names with as `pod/name`; unset: no prefix. */
  withKind?: string;
  wide?: boolean;
}

interface RowMeta {
  namespace: string;
  labels: Record<string, string>;
}

// meta.Accessor: anything with an object `metadata`.
function accessor(obj: unknown): RowMeta | undefined {
  if (typeof obj !== 'object' || obj === null) return undefined;
  const m = (obj as { metadata?: unknown }).metadata;
  if (typeof m !== 'object' || m === null) return undefined;
  const { namespace, labels } = m as { namespace?: unknown; labels?: unknown };
  return {
    namespace: typeof namespace === 'string' ? namespace : '',
    labels: typeof labels === 'object' && labels !== null ? (labels as Record<string, string>) : {},
  };
}

function formatLabelHeaders(columnLabels: readonly string[]): string[] {
  return columnLabels.map((l) => {
    const p = l.split('/');
    return p[p.length - 1].toUpperCase();
  });
}

function appendLabelCells(values: TableCell[], itemLabels: Record<string, string>, opts: PrintOptions): void {
  for (const key of opts.columnLabels ?? []) {
    values.push(Object.prototype.hasOwnProperty.call(itemLabels, key) ? itemLabels[key] : '');
  }
  if (opts.showLabels) values.push(formatLabels(itemLabels));
}

function stringColumn(name: string): TableColumn {
  return { name, type: 'string', format: '', description: '', priority: 0 };
}

/**
 * decorateTable: adds the NAMESPACE, label and LABELS columns and the `kind/` name prefix.
 * Returns a new table; the input is not modified.
 */
export function decorateTable(table: Table, options: PrintOptions): Table {
  const columnLabels = options.columnLabels ?? [];
  let width = table.columnDefinitions.length + columnLabels.length;
  if (options.withNamespace) width++;
  if (options.showLabels) width++;

  let columns = table.columnDefinitions;

  let nameColumn = -1;
  if (options.withKind) {
    nameColumn = columns.findIndex((c) => c.format === 'name' && c.type === 'string');
  }

  if (width !== table.columnDefinitions.length) {
    columns = [];
    if (options.withNamespace) columns.push(stringColumn('Namespace'));
    columns.push(...table.columnDefinitions);
    for (const label of formatLabelHeaders(columnLabels)) columns.push(stringColumn(label));
    if (options.showLabels) columns.push(stringColumn('Labels'));
  }

  let rows = table.rows;
  const includeLabels = columnLabels.length > 0 || !!options.showLabels;
  if (includeLabels || options.withNamespace || nameColumn !== -1) {
    const kindPrefix = (options.withKind ?? '').toLowerCase();
    rows = table.rows.map((row): TableRow => {
      let cells = [...row.cells];
      if (nameColumn !== -1) {
        cells[nameColumn] = `${kindPrefix}/${cellString(cells[nameColumn])}`;
      }
      const m = accessor(row.object);
      // if we can't get an accessor, fill out the appropriate columns with empty spaces
      if (!m) {
        if (options.withNamespace) cells = [null, ...cells];
        // Upstream's loop bound shrinks as it appends, so it fills only about half the gap.
        for (let j = 0; j < width - cells.length; j++) cells.push(null);
        return { ...row, cells };
      }
      if (options.withNamespace) cells = [m.namespace, ...cells];
      if (includeLabels) appendLabelCells(cells, m.labels, options);
      return { ...row, cells };
    });
  }

  return { columnDefinitions: columns, rows };
}

// fmt.Sprint of a JSON-decoded cell.
function cellString(cell: TableCell): string {
  if (cell === null) return '<nil>';
  return typeof cell === 'string' ? cell : String(cell);
}

// printers.WriteEscaped: terminal escape sequences can't ride along in a cell.
function escapeTerminal(s: string): string {
  if (s.indexOf('\x1b') < 0 && s.indexOf('\r') < 0) return s;
  return s.replace(/\x1b|\r/g, (c) => (c === '\x1b' ? '^[' : '\\r'));
}

const breakChars = /[\f\n\r]/;

/**
 * printTable: the tab-separated text of a (decorated) table, written to `w`. Columns with
 * priority > 0 only when wide; no header line when there are no rows.
 */
export function writeTable(table: Table, w: TabWriter, options: PrintOptions): void {
  const cols = table.columnDefinitions;
  if (!options.noHeaders) {
    // avoid printing headers if we have no rows to display
    if (table.rows.length === 0) return;
    const names: string[] = [];
    for (const column of cols) {
      if (!options.wide && column.priority !== 0) continue;
      names.push(column.name.toUpperCase());
    }
    w.writeLine(names);
  }
  for (const row of table.rows) {
    const parts: string[] = [];
    for (let i = 0; i < row.cells.length; i++) {
      // don't panic in case of bad output from the server, with more cells than column definitions
      if (i >= cols.length) break;
      if (!options.wide && cols[i].priority !== 0) continue;
      const cell = row.cells[i];
      if (cell === null || cell === undefined) {
        parts.push('');
      } else if (typeof cell === 'string') {
        // Truncate at the first newline, carriage return or formfeed
        // (treated as a newline by tabwriter).
        const m = breakChars.test(cell) ? breakChars.exec(cell) : null;
        parts.push(m ? escapeTerminal(cell.slice(0, m.index)) + '...' : escapeTerminal(cell));
      } else {
        parts.push(escapeTerminal(String(cell)));
      }
    }
    w.writeLine(parts);
  }
}

/** One table printed on its own, as `HumanReadablePrinter.PrintObj` does for a Table. */
export function printTable(table: Table, options: PrintOptions = {}): string {
  const w = newTabWriter();
  writeTable(decorateTable(table, options), w, options);
  w.flush();
  return w.take();
}

// ---------------------------------------------------------------------------------------------
// kubectl get

/** One `resource.Info` of `kubectl get`: a kind's table (a list, or one named object). */
export interface GetResult {
  /** GroupKind string: "Pod", "Deployment.apps". Prefixes names as `pod/x` when several kinds print. */
  kind: string;
  /** The REST mapping's resource ("pods", "deployments.apps"); a new one starts a new table. Defaults to kind. */
  resource?: string;
  namespaced: boolean;
  table: Table;
}

/** The human-readable print flags of `kubectl get`. */
export interface GetPrintFlags {
  noHeaders?: boolean;
  allNamespaces?: boolean;
  showLabels?: boolean;
  columnLabels?: readonly string[];
  /** --show-kind */
  showKind?: boolean;
  /** -o wide */
  wide?: boolean;
}

function sameColumns(a: readonly TableColumn[], b: readonly TableColumn[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.name !== y.name || x.type !== y.type || x.format !== y.format
      || x.description !== y.description || x.priority !== y.priority) return false;
  }
  return true;
}

/**
 * The stdout of `kubectl get` with a human-readable printer. Empty when nothing was printed:
 * the caller then writes kubectl's "No resources found ..." to stderr.
 */
export function printGet(results: readonly GetResult[], flags: GetPrintFlags = {}): string {
  // multipleGVKsRequested
  const printWithKind = !!flags.showKind || results.some((r) => r.kind !== results[0].kind);

  const out: string[] = [];
  let written = 0;
  let separatorReady = false;
  const w = newTabWriter();
  const drain = (): void => {
    const s = w.take();
    if (s.length === 0) return;
    // an empty line separating the output of different resource types
    if (separatorReady) {
      out.push('\n');
      written++;
      separatorReady = false;
    }
    out.push(s);
    written += s.length;
  };

  let lastResource: string | undefined;
  let options: PrintOptions = {};
  let lastColumns: readonly TableColumn[] | undefined;
  let printedHeaders = false;

  for (const r of results) {
    const resource = r.resource ?? r.kind;
    if (lastResource === undefined || resource !== lastResource) {
      w.flush();
      drain();
      w.setRememberedWidths(null);
      // add linebreaks between resource groups (if there is more than one) when it's not the
      // first resource group, it has row headers, and output was written since the last headers
      if (lastResource !== undefined && !flags.noHeaders && written > 0) separatorReady = true;

      options = {
        noHeaders: flags.noHeaders,
        withNamespace: !!flags.allNamespaces && r.namespaced,
        showLabels: flags.showLabels,
        columnLabels: flags.columnLabels,
        withKind: printWithKind ? r.kind : undefined,
        wide: flags.wide,
      };
      lastColumns = undefined;
      printedHeaders = false;
      lastResource = resource;
    }

    // HumanReadablePrinter.PrintObj: one header per run of tables with the same columns.
    let table = r.table;
    const localOptions = { ...options };
    if (printedHeaders && (table.columnDefinitions.length === 0 || sameColumns(table.columnDefinitions, lastColumns ?? []))) {
      localOptions.noHeaders = true;
    }
    if (table.columnDefinitions.length === 0) {
      table = { ...table, columnDefinitions: [...(lastColumns ?? [])] };
    } else if (!lastColumns || !sameColumns(table.columnDefinitions, lastColumns)) {
      lastColumns = table.columnDefinitions;
      printedHeaders = false;
    }
    if (table.rows.length > 0) printedHeaders = true;

    writeTable(decorateTable(table, localOptions), w, localOptions);
    drain();
  }
  w.flush();
  drain();
  return out.join('');
}
