// One place that turns a location into a Store, so callers never name an implementation.
import { MemoryStore } from './memory.js';
import { SqliteStore, type SqliteStoreOptions } from './sqlite.js';
import type { Store } from './store.js';

export type OpenStoreOptions = SqliteStoreOptions;

/**
 * `':memory:'` gives a fresh in-process MemoryStore (nothing persists); any other string is the
 * path of a SQLite file, created with its parent directories if missing.
 */
export function openStore(path: string, opts: OpenStoreOptions = {}): Store {
  if (path === ':memory:') return new MemoryStore({ compactionWindow: opts.compactionWindow });
  return new SqliteStore(path, opts);
}
