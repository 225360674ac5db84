// `-o custom-columns=NAME:.metadata.name,...` and `-o custom-columns-file=...`
// (kubectl/pkg/cmd/get/customcolumn.go). Each cell is a JSONPath evaluated with missing keys
// allowed; values are joined with ",", an empty result prints `<none>`, and rows go through a
// tabwriter (min width 6, padding 3) exactly like kubectl's, so a value containing a newline
// breaks the alignment the same way.
import { PrintError, type JsonValue, type Printer } from './json.js';
import { goSprint, JSONPath, parseJSONPath } from './jsonpath.js';

export interface Column {
  /** The header to print above the column, general style is ALL_CAPS. */
  header: string;
  /** The JSONPath of the field, in its complete `{.a.b}` form. */
  fieldSpec: string;
}

const JSON_REGEXP = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/**
 * RelaxedJSONPathExpression: accepts `metadata.name`, `.metadata.name`, `{metadata.name}` and
 * `{.metadata.name}` and returns `{.metadata.name}`; the empty string stays empty.
 */
export function relaxedJSONPathExpression(pathExpression: string): string {
  if (pathExpression.length === 0) return pathExpression;
  const m = JSON_REGEXP.exec(pathExpression);
  if (!m) {
    throw new Error("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  }
  return `{.${m[1] ?? m[2]}}`;
}

/** NewCustomColumnsPrinterFromSpec: `HEADER:path,HEADER:path`. */
export function columnsFromSpec(spec: string): Column[] {
  if (spec.length === 0) throw new Error('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw new Error(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, colon), fieldSpec: relaxedJSONPathExpression(part.slice(colon + 1)) };
  });
}

const TEMPLATE_FORMAT = 'Expected format is one line of space separated headers, one line of space separated column specs.';

/** NewCustomColumnsPrinterFromTemplate: a line of headers, then a line of field specs. */
export function columnsFromTemplate(text: string): Column[] {
  const lines = scanLines(text);
  if (lines.length < 1) throw new Error(`invalid template, missing header line. ${TEMPLATE_FORMAT}`);
  if (lines.length < 2) throw new Error(`invalid template, missing spec line. ${TEMPLATE_FORMAT}`);
  const headers = splitOnWhitespace(lines[0]);
  const specs = splitOnWhitespace(lines[1]);
  if (headers.length !== specs.length) {
    throw new Error(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  }
  return headers.map((header, ix) => ({ header, fieldSpec: relaxedJSONPathExpression(specs[ix]) }));
}

/** bufio.ScanLines: lines split on \n, a trailing \r dropped, no empty last line. */
function scanLines(text: string): string[] {
  if (text.length === 0) return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

// unicode.IsSpace, which bufio.ScanWords splits on.
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

function splitOnWhitespace(line: string): string[] {
  return line.split(GO_SPACE).filter((w) => w.length > 0);
}

/** printers.EscapeTerminal: neutralises ESC and CR so a value cannot drive the terminal. */
export function escapeTerminal(s: string): string {
  return s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

/**
 * CustomColumnsPrinter. Column paths are parsed when printing starts, after the header has been
 * written, so a bad path fails with the header already on stdout (as kubectl's does).
 */
export function customColumnsPrinter(columns: readonly Column[], noHeaders = false): Printer {
  return (objects) => {
    const w = new TabWriter();
    const fail = (e: unknown): never => {
      w.flush();
      throw new PrintError((e as Error).message, w.out);
    };
    if (!noHeaders) w.write(columns.map((c) => c.header).join('\t') + '\n');
    let parsers: JSONPath[] = [];
    try {
      parsers = columns.map((c) => new JSONPath(parseJSONPath(c.fieldSpec), { allowMissingKeys: true }));
    } catch (e) {
      fail(e);
    }
    for (const obj of objects) {
      const cells = parsers.map((parser) => {
        let values: (JsonValue | undefined)[][] = [];
        try {
          values = parser.findValues(obj as unknown as JsonValue);
        } catch (e) {
          fail(e);
        }
        const strings: string[] = [];
        if (values.length === 0 || values[0].length === 0) strings.push('<none>');
        for (const group of values) for (const v of group) strings.push(escapeTerminal(goSprint(v)));
        return strings.join(',');
      });
      w.write(cells.join('\t') + '\n');
    }
    w.flush();
    return w.out;
  };
}

// ---------------------------------------------------------------------------------------------
// github.com/liggitt/tabwriter as printers.GetNewTabWriter configures it: minwidth 6, padding 3,
// padchar ' ', RememberWidths. Cells end at \t or \v; a line with a single cell flushes.

const MIN_WIDTH = 6;
const PADDING = 3;

interface Cell { text: string; width: number; htab: boolean }

const runeCount = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
};

export class TabWriter {
  out = '';
  private lines: Cell[][] = [[]];
  private cell = '';
  private widths: number[] = [];
  private readonly maxwidths: number[] = [];

  write(text: string): void {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch !== 0x09 && ch !== 0x0b && ch !== 0x0a && ch !== 0x0c) continue;
      this.cell += text.slice(n, i);
      n = i + 1;
      const ncells = this.terminateCell(ch === 0x09);
      if (ch === 0x0a || ch === 0x0c) {
        this.lines.push([]);
        if (ch === 0x0c || ncells === 1) this.flush();
      }
    }
    this.cell += text.slice(n);
  }

  flush(): void {
    if (this.cell.length > 0) this.terminateCell(false);
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.cell = '';
    this.widths = [];
  }

  private terminateCell(htab: boolean): number {
    const line = this.lines[this.lines.length - 1];
    line.push({ text: this.cell, width: runeCount(this.cell), htab });
    this.cell = '';
    return line.length;
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let row = line0; row < line1; row++) {
      if (column >= this.lines[row].length - 1) continue;
      // A cell exists in this column: print the lines above, then size the column block.
      this.writeLines(line0, row);
      line0 = row;
      let width = MIN_WIDTH;
      for (; row < line1; row++) {
        const line = this.lines[row];
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column].width + PADDING);
      }
      if (this.maxwidths.length < this.widths.length) this.maxwidths.push(...this.widths.slice(this.maxwidths.length));
      if (this.maxwidths.length === this.widths.length) this.maxwidths.push(width);
      else if (this.maxwidths[column] > width) width = this.maxwidths[column];
      else if (this.maxwidths[column] < width) this.maxwidths[column] = width;
      this.widths.push(width);
      this.format(line0, row);
      this.widths.pop();
      line0 = row;
    }
    this.writeLines(line0, line1);
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      line.forEach((c, j) => {
        this.out += c.text;
        if (j < this.widths.length) this.out += ' '.repeat(this.widths[j] - c.width);
      });
      this.out += i + 1 === this.lines.length ? this.cell : '\n';
    }
  }
}
