// `-o custom-columns=NAME:.metadata.name,...` and `-o custom-columns-file=...`
// (kubectl/pkg/cmd/get/customcolumn.go). Each cell is a JSONPath evaluated with missing keys
// allowed; values are joined with ",", an empty result prints `<none>`, and rows go through a
// tabwriter (min width 6, padding 3) exactly like kubectl's, so a value containing a newline
// breaks the alignment the same way.
import { PrintError, type JsonValue, type Printer } from './json.js';
import { goSprint, JSONPath, parseJSONPath } from './jsonpath.js';
import { newTabWriter } from './table.js';

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
    const w = newTabWriter();
    const fail = (e: unknown): never => {
      w.flush();
      throw new PrintError((e as Error).message, w.take());
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
    return w.take();
  };
}
