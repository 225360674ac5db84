// Small builders for admission tests: a context on a seeded random source, and manifests in.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { KubeObject } from '../../src/api/object.js';
import type { AdmissionContext } from '../../src/apiserver/admission/index.js';
import { ApiError } from '../../src/apiserver/errors.js';
import { SeededRand } from '../../src/sim/rand.js';

export function ctx(extra: Partial<AdmissionContext> = {}): AdmissionContext {
  return { now: Date.UTC(2025, 0, 1), rand: SeededRand.fromSeed('x'), fieldValidation: 'Strict', warnings: [], ...extra };
}

export function manifest(yaml: string): KubeObject {
  return parse(yaml) as KubeObject;
}

export function golden(name: string): KubeObject {
  return parse(readFileSync(new URL(`golden/${name}`, import.meta.url), 'utf8')) as KubeObject;
}

/** The error a call throws, as `Reason: message`, or 'no error'. */
export function failure(fn: () => unknown): string {
  try {
    fn();
    return 'no error';
  } catch (e) {
    if (e instanceof ApiError) return `${e.status.reason}: ${e.status.message}`;
    throw e;
  }
}

export function pod(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', namespace: 'default', ...metadata }, spec } as KubeObject;
}

export const container = (extra: Record<string, unknown> = {}) => ({ name: 'c', image: 'busybox', ...extra });
