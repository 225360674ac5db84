// The verb table names each verb without loading it; the names must be what the modules declare,
// or `mk <verb>` would load the wrong module (or none, and fall back to loading them all).
import { describe, expect, test } from 'vitest';
import { verbs } from '../../src/cli/commands/index.js';
import { processIO } from '../../src/cli/io.js';

describe('the verb table', () => {
  test.each(verbs.map((v) => [v.name, v] as const))('%s loads the command of that name', async (name, verb) => {
    const cmd = (await verb.load())({ io: processIO, flags: {} });
    expect(cmd.name()).toBe(name);
  });

  test('names are unique', () => {
    expect(new Set(verbs.map((v) => v.name)).size).toBe(verbs.length);
  });
});
