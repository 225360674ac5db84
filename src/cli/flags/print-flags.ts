// The -o/--output dispatcher (cli-runtime genericclioptions/print_flags.go and kubectl's
// get/get_flags.go). Each flag group turns a format string into a printer or says "not mine";
// groups are tried in upstream's order and, when none matches, the error lists every format the
// command allows, sorted, in kubectl's words.
import { readFileSync } from 'node:fs';
import { columnsFromSpec, columnsFromTemplate, customColumnsPrinter } from '../printers/custom-columns.js';
import { PrintError, printJSON, type PrintableObject, type Printer } from '../printers/json.js';
import { goQuote, jsonPathPrinter } from '../printers/jsonpath.js';
import { namePrinter } from '../printers/name.js';
import { sortingPrinter } from '../printers/sort.js';
import { printYAML } from '../printers/yaml.js';
import { RawError } from '../errors.js';

export interface PrintFlagValues {
  /** -o/--output as typed; '' when absent. */
  output?: string;
  /** --template. */
  template?: string;
  /** Whether -o was given explicitly (generic verbs fall back to --template only without it). */
  outputFlagSpecified?: boolean;
  /** --allow-missing-template-keys (default true). */
  allowMissingTemplateKeys?: boolean;
  /** --no-headers (get). */
  noHeaders?: boolean;
  /** --show-managed-fields. */
  showManagedFields?: boolean;
  /** --sort-by (get). */
  sortBy?: string;
  /** The verb's past tense for the default name output of mutating verbs (`created`). */
  operation?: string;
  /** Virtual time for the rare klog line --sort-by can print. */
  now?: Date;
}

export interface PrintFlagsDeps {
  /** Reads a template file; throws with Go's `open <path>: <reason>` wording. */
  readFile?: (path: string) => string;
  /** The go-template printer, supplied by whoever implements text/template. */
  goTemplate?: (template: string, allowMissingKeys: boolean) => Printer;
}

/** genericclioptions.NoCompatiblePrinterError. */
export class NoCompatiblePrinterError extends Error {
  constructor(readonly outputFormat: string, readonly allowedFormats: readonly string[]) {
    super(`unable to match a printer suitable for the output format ${goQuote(outputFormat)}, allowed formats are: ${[...allowedFormats].sort().join(',')}`);
    this.name = 'NoCompatiblePrinterError';
  }
}

const NO_MATCH = Symbol('no compatible printer');
type Match = Printer | typeof NO_MATCH;

interface FlagGroup {
  allowedFormats: readonly string[];
  toPrinter(format: string): Match;
}

/**
 * `kubectl get`'s printer. Returns undefined for '' and 'wide': the caller prints the
 * server-side table then.
 */
export function toGetPrinter(flags: PrintFlagValues, deps: PrintFlagsDeps = {}): Printer | undefined {
  let format = flags.output ?? '';
  const template = flags.template ?? '';
  if (template.length > 0 && format.length === 0) format = 'go-template';

  const groups: FlagGroup[] = [
    templateFlags(flags, deps),
    jsonYamlFlags(flags),
    humanReadableFlags(),
    customColumnsFlags(flags, deps),
    nameFlags(flags),
  ];
  for (const g of groups) {
    const p = g.toPrinter(format);
    if (p === NO_MATCH) continue;
    if (p === TABLE) return undefined;
    return flags.sortBy ? sortingPrinter(p, flags.sortBy, { now: flags.now }) : p;
  }
  throw new NoCompatiblePrinterError(format, groups.flatMap((g) => g.allowedFormats));
}

/**
 * The printer of the other verbs (create, apply, scale, label, ...): json/yaml, name (also the
 * default, `kind/name <operation>`), jsonpath and go-template.
 */
export function toPrinter(flags: PrintFlagValues, deps: PrintFlagsDeps = {}): Printer {
  let format = flags.output ?? '';
  const template = flags.template ?? '';
  if (template.length > 0 && !flags.outputFlagSpecified) format = 'go-template';

  const groups: FlagGroup[] = [jsonYamlFlags(flags), nameFlags(flags), templateFlags(flags, deps)];
  for (const g of groups) {
    const p = g.toPrinter(format);
    if (p !== NO_MATCH && p !== TABLE) return p;
  }
  throw new NoCompatiblePrinterError(flags.output ?? '', groups.flatMap((g) => g.allowedFormats));
}

export interface PrintObjectsOptions extends PrintFlagValues, PrintFlagsDeps {
  /** The user named exactly one object: print it bare rather than in a List. */
  single: boolean;
  /** Where to put what kubectl had already printed when a printer fails half-way. */
  io?: { out(s: string): void };
}

/**
 * Prints objects in a non-table format with get's flag set. Errors leave here as the CLI layer
 * expects them: klog lines as RawError, other messages as Go's, whose trailing newline CheckErr
 * does not double.
 */
export async function printObjects(format: string, objects: readonly PrintableObject[], opts: PrintObjectsOptions): Promise<string> {
  try {
    const goTemplate = opts.goTemplate ?? (usesGoTemplate(format, opts.template) ? (await import('../printers/go-template.js')).goTemplatePrinter : undefined);
    const printer = toGetPrinter({ ...opts, output: format }, { ...opts, goTemplate });
    if (!printer) throw new NoCompatiblePrinterError(format, GENERIC_FORMATS);
    return printer(objects, { single: opts.single });
  } catch (e) {
    if (e instanceof PrintError) {
      if (e.output && opts.io) opts.io.out(e.output);
      if (e.raw) throw new RawError(e.message.replace(/\n$/, ''), e.exitCode);
    }
    throw e;
  }
}

/** Whether the format needs the text/template engine, which is loaded only then. */
function usesGoTemplate(format: string, template: string | undefined): boolean {
  return (template ?? '').length > 0 || GO_TEMPLATE_FORMATS.some((f) => format === f || format.startsWith(f + '='));
}

const GENERIC_FORMATS = ['json', 'yaml', 'name', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'go-template', 'go-template-file', 'template', 'templatefile'];

// ---------------------------------------------------------------------------------------------
// Flag groups

function jsonYamlFlags(flags: PrintFlagValues): FlagGroup {
  return {
    allowedFormats: ['json', 'yaml'],
    toPrinter(format) {
      const show = flags.showManagedFields ?? false;
      switch (format.toLowerCase()) {
        case 'json': return (objs, opts) => printJSON(objs, { ...opts, showManagedFields: show });
        case 'yaml': return (objs, opts) => printYAML(objs, { ...opts, showManagedFields: show });
        default: return NO_MATCH;
      }
    },
  };
}

function nameFlags(flags: PrintFlagValues): FlagGroup {
  return {
    allowedFormats: ['name'],
    toPrinter(format) {
      switch (format.toLowerCase()) {
        case 'name': return namePrinter({ operation: flags.operation, shortOutput: true });
        case '': return namePrinter({ operation: flags.operation });
        default: return NO_MATCH;
      }
    },
  };
}

const TABLE: Printer = () => '';

function humanReadableFlags(): FlagGroup {
  return {
    allowedFormats: ['wide'],
    toPrinter: (format) => (format === '' || format === 'wide' ? TABLE : NO_MATCH),
  };
}

/** `format=value` (or --template's value): the format and its argument. */
function splitFormat(format: string, formats: readonly string[], templateArgument: string): [string, string] {
  if (templateArgument.length > 0) return [format, templateArgument];
  for (const f of formats) {
    if (format.startsWith(f + '=')) return [f, format.slice(f.length + 1)];
  }
  return [format, ''];
}

const JSONPATH_FORMATS = ['jsonpath', 'jsonpath-as-json', 'jsonpath-file'];
const GO_TEMPLATE_FORMATS = ['go-template', 'go-template-file', 'template', 'templatefile'];

/** KubeTemplatePrintFlags: jsonpath, then go-template. */
function templateFlags(flags: PrintFlagValues, deps: PrintFlagsDeps): FlagGroup {
  const templateArgument = flags.template ?? '';
  const allowMissingKeys = flags.allowMissingTemplateKeys ?? true;
  const readFile = deps.readFile ?? readTemplateFile;
  return {
    allowedFormats: [...JSONPATH_FORMATS, ...GO_TEMPLATE_FORMATS],
    toPrinter(outputFormat) {
      if (templateArgument.length === 0 && outputFormat.length === 0) return NO_MATCH;

      let [format, value] = splitFormat(outputFormat, JSONPATH_FORMATS, templateArgument);
      if (JSONPATH_FORMATS.includes(format)) {
        if (value.length === 0) throw new Error('template format specified but no template given');
        if (format === 'jsonpath-file') {
          try {
            value = readFile(value);
          } catch (e) {
            throw new Error(`error reading --template ${value}, ${(e as Error).message}`);
          }
        }
        try {
          return jsonPathPrinter(value, { allowMissingKeys, jsonOutput: format === 'jsonpath-as-json' });
        } catch (e) {
          throw new Error(`error parsing jsonpath ${value}, ${(e as Error).message}`);
        }
      }

      [format, value] = splitFormat(outputFormat, GO_TEMPLATE_FORMATS, templateArgument);
      if (!GO_TEMPLATE_FORMATS.includes(format)) return NO_MATCH;
      if (value.length === 0) throw new Error('template format specified but no template given');
      if (format === 'templatefile' || format === 'go-template-file') {
        try {
          value = readFile(value);
        } catch (e) {
          throw new Error(`error reading --template ${value}, ${(e as Error).message}\n`);
        }
      }
      if (!deps.goTemplate) throw new Error(`output format ${format} is not supported by mk`);
      return deps.goTemplate(value, allowMissingKeys);
    },
  };
}

function customColumnsFlags(flags: PrintFlagValues, deps: PrintFlagsDeps): FlagGroup {
  const formats = ['custom-columns', 'custom-columns-file'];
  const readFile = deps.readFile ?? readTemplateFile;
  return {
    allowedFormats: formats,
    toPrinter(outputFormat) {
      if (outputFormat.length === 0) return NO_MATCH;
      const [format, value] = splitFormat(outputFormat, formats, flags.template ?? '');
      if (!formats.includes(format)) return NO_MATCH;
      if (value.length === 0) throw new Error('custom-columns format specified but no custom columns given');
      if (format === 'custom-columns-file') {
        let text: string;
        try {
          text = readFile(value);
        } catch (e) {
          const msg = (e as Error).message;
          // Go opens a directory without complaint and then finds no header line in it.
          if (!msg.endsWith(': is a directory')) throw new Error(`error reading template ${value}, ${msg}\n`);
          text = '';
        }
        return customColumnsPrinter(columnsFromTemplate(text));
      }
      return customColumnsPrinter(columnsFromSpec(value), flags.noHeaders ?? false);
    },
  };
}

// ---------------------------------------------------------------------------------------------

const GO_ERRNO: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
};

/** os.ReadFile, with Go's error wording. */
function readTemplateFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code === 'EISDIR') throw new Error(`read ${path}: is a directory`);
    throw new Error(`open ${path}: ${GO_ERRNO[code] ?? (e as Error).message}`);
  }
}
