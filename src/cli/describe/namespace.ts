// kubectl describe namespace (NamespaceDescriber in kubectl 1.32's describe.go): status,
// conditions, then the namespace's ResourceQuotas and LimitRanges.
import type { Namespace } from '../../api/core/namespace/schema.js';
import type { KubeObject } from '../../api/object.js';
import { LEVEL_0, LEVEL_1, tabbedString, type PrefixWriter } from '../printers/prefix-writer.js';
import { goSort } from '../printers/go-sort.js';
import {
  formatRFC1123Z, printAnnotationsMultiline, printLabelsMultiline, showQuantity, sortStrings, type DescribeClient,
  type DescribeOptions,
} from './helpers.js';

type ResourceList = Record<string, string | number>;

interface ResourceQuota extends KubeObject {
  spec?: { scopes?: string[] };
  status?: { hard?: ResourceList; used?: ResourceList };
}

interface LimitRangeItem {
  type?: string;
  max?: ResourceList;
  min?: ResourceList;
  default?: ResourceList;
  defaultRequest?: ResourceList;
  maxLimitRequestRatio?: ResourceList;
}

interface LimitRange extends KubeObject {
  spec?: { limits?: LimitRangeItem[] };
}

/** A list the cluster may not serve yet reads as empty: a real API server always has these kinds. */
function listOrEmpty<T extends KubeObject>(client: DescribeClient, resource: string, namespace: string): T[] {
  try {
    return client.list<T>(resource, { namespace });
  } catch {
    return [];
  }
}

export function describeNamespaceObject(obj: KubeObject, client: DescribeClient, _opts: DescribeOptions): string {
  const ns = obj as Namespace;
  const quotas = listOrEmpty<ResourceQuota>(client, 'resourcequotas', ns.metadata.name);
  const limitRanges = listOrEmpty<LimitRange>(client, 'limitranges', ns.metadata.name);
  return describeNamespace(ns, quotas, limitRanges);
}

export function describeNamespace(ns: Namespace, quotas: ResourceQuota[], limitRanges: LimitRange[]): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ns.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', ns.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations);
    w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
    const conditions = ns.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(LEVEL_1, `${c.type}\t${c.status}\t${formatRFC1123Z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
      }
    }
    w.write(LEVEL_0, '\n');
    describeResourceQuotas(quotas, w);
    w.write(LEVEL_0, '\n');
    describeLimitRanges(limitRanges, w);
  });
}

const SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

/** DescribeResourceQuotas: every quota of the namespace, by name, each with its used/hard table. */
function describeResourceQuotas(quotas: ResourceQuota[], w: PrefixWriter): void {
  if (quotas.length === 0) {
    w.write(LEVEL_0, 'No resource quota.\n');
    return;
  }
  w.write(LEVEL_0, 'Resource Quotas\n');
  for (const q of goSort([...quotas], (a, b) => a.metadata.name < b.metadata.name)) {
    w.write(LEVEL_1, `Name:\t${q.metadata.name}\n`);
    const scopes = sortStrings([...(q.spec?.scopes ?? [])]);
    if (scopes.length > 0) {
      w.write(LEVEL_1, `Scopes:\t${scopes.join(', ')}\n`);
      for (const s of scopes) if (SCOPE_HELP[s]) w.write(LEVEL_1, `* ${SCOPE_HELP[s]}\n`);
    }
    w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
    w.write(LEVEL_1, '--------\t---\t---\n');
    const hard = q.status?.hard ?? {};
    const used = q.status?.used ?? {};
    for (const name of sortStrings(Object.keys(hard))) {
      const u = used[name] !== undefined ? showQuantity(used[name]) : '0';
      w.write(LEVEL_1, `${name}\t${u}\t${showQuantity(hard[name])}\n`);
    }
  }
}

/**
 * DescribeLimitRanges. kubectl 1.32 walks each item's resources in Go map order, which varies
 * from run to run; they are printed here sorted by name.
 */
function describeLimitRanges(limitRanges: LimitRange[], w: PrefixWriter): void {
  if (limitRanges.length === 0) {
    w.write(LEVEL_0, 'No LimitRange resource.\n');
    return;
  }
  w.write(LEVEL_0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  for (const lr of limitRanges) {
    for (const item of lr.spec?.limits ?? []) {
      const names = new Set<string>();
      for (const l of [item.max, item.min, item.default, item.defaultRequest, item.maxLimitRequestRatio]) {
        for (const k of Object.keys(l ?? {})) names.add(k);
      }
      const show = (l: ResourceList | undefined, k: string) => {
        const v = l?.[k];
        return v === undefined ? '-' : showQuantity(v);
      };
      for (const k of sortStrings([...names])) {
        w.write(LEVEL_0, ` ${item.type ?? ''}\t${k}\t${show(item.min, k)}\t${show(item.max, k)}\t`
          + `${show(item.defaultRequest, k)}\t${show(item.default, k)}\t${show(item.maxLimitRequestRatio, k)}\n`);
      }
    }
  }
}
