// The metav1.Table model (k8s.io/apimachinery/pkg/apis/meta/v1 Table, TableColumnDefinition,
// TableRow) and pkg/printers/tablegenerator.go's GenerateTable. Field names are the JSON names,
// so a Table can be served as-is for `Accept: application/json;as=Table;g=meta.k8s.io;v=v1`.
// Plain data and functions only: this module is on the `mk get` path.

/** A cell as it travels in JSON: strings, integers (Go int64), booleans; null prints empty. */
export type TableCell = string | number | boolean | null;

export interface TableColumn {
  name: string;
  /** OpenAPI type: "string", "integer", "number", "boolean", "date". */
  type: string;
  /** "name" marks the column kubectl prefixes with `kind/` when several kinds are printed. */
  format: string;
  description: string;
  /** 0 = always shown; 1 = `-o wide` only. */
  priority: number;
}

export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface TableRow<T = unknown> {
  cells: TableCell[];
  conditions?: TableRowCondition[];
  object: T;
}

export interface Table<T = unknown> {
  columnDefinitions: TableColumn[];
  rows: TableRow<T>[];
}

/** printers.GenerateOptions, plus the virtual clock reading printers use instead of time.Now(). */
export interface GenerateOptions {
  now: number;
  wide: boolean;
  /**
   * Has no effect on the table: upstream's TableOptions.NoHeaders is `json:"-"`, so no client
   * can ask the server for a table without columns. Headers are left out when printing.
   */
  noHeaders?: boolean;
}

/** One kind's printer: its column definitions and the function turning an object into rows. */
export interface TableHandler<T> {
  columns: readonly TableColumn[];
  rows(obj: T, opts: GenerateOptions): TableRow<T>[];
}

type ColumnSpec = Pick<TableColumn, 'name' | 'type'> & Partial<TableColumn>;

/** Column definitions written like upstream's literals: unset Format/Description/Priority are zero values. */
export function columns(specs: readonly ColumnSpec[]): readonly TableColumn[] {
  return specs.map((c) => ({
    name: c.name,
    type: c.type,
    format: c.format ?? '',
    description: c.description ?? '',
    priority: c.priority ?? 0,
  }));
}

/**
 * GenerateTable: every object's rows, and the column definitions — without the priority
 * columns unless wide (the API server always generates wide; kubectl drops them when printing).
 */
export function generateTable<T>(handler: TableHandler<T>, objects: readonly T[], opts: GenerateOptions): Table<T> {
  const rows: TableRow<T>[] = [];
  for (const obj of objects) {
    for (const row of handler.rows(obj, opts)) rows.push(row);
  }
  return { columnDefinitions: tableColumns(handler, opts.wide), rows };
}

/** GenerateTable's column definitions: every column when wide, else those of priority 0. */
export function tableColumns<T>(handler: TableHandler<T>, wide: boolean): TableColumn[] {
  return wide ? [...handler.columns] : handler.columns.filter((c) => c.priority === 0);
}

/** metav1.PartialObjectMetadata: an object reduced to its metadata. */
export interface PartialObjectMetadata<M = unknown> {
  apiVersion: 'meta.k8s.io/v1';
  kind: 'PartialObjectMetadata';
  metadata: M;
}

/**
 * GenerateTable's rows for one object, each carrying only the object's metadata (what the API
 * server sends in a Table by default): a long list can then become rows one object at a time,
 * each object dropped as soon as its rows exist.
 */
export function metadataRows<T extends { metadata: M }, M>(handler: TableHandler<T>, obj: T, opts: GenerateOptions): TableRow<PartialObjectMetadata<M>>[] {
  const partial: PartialObjectMetadata<M> = { apiVersion: 'meta.k8s.io/v1', kind: 'PartialObjectMetadata', metadata: obj.metadata };
  return handler.rows(obj, opts).map((row) => ({ ...row, object: partial }));
}

// metav1.ObjectMeta{}.SwaggerDoc() entries every kind's Name and Age columns describe themselves with.
export const objectMetaNameDescription =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
export const objectMetaCreationTimestampDescription =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/** The `Name` column every kind starts with. */
export const nameColumn: ColumnSpec = { name: 'Name', type: 'string', format: 'name', description: objectMetaNameDescription };
/** The `Age` column. */
export const ageColumn: ColumnSpec = { name: 'Age', type: 'string', description: objectMetaCreationTimestampDescription };

/**
 * labels.FormatLabels: `k=v` pairs sorted as whole strings and joined with ",", or "<none>".
 * Used by selector columns and by the client's --show-labels column.
 */
export function formatLabels(labelMap: Readonly<Record<string, string>> | undefined): string {
  const pairs: string[] = [];
  for (const key in labelMap) pairs.push(`${key}=${labelMap[key]}`);
  // Code-unit order equals Go's byte order for the ASCII that label keys are made of.
  pairs.sort();
  return pairs.length ? pairs.join(',') : '<none>';
}
