// The text of `rollout history`: the REVISION / CHANGE-CAUSE table (history.go's tabbedString)
// and one revision's pod template (printTemplate). Pure.
import type { PodTemplateSpec } from '../../../api/core/pod/schema.js';
import { describePodTemplate } from '../../describe/pod-template.js';
import { escapeTerminal, type PrefixWriter } from '../../printers/prefix-writer.js';
import { TabWriter } from '../../printers/table.js';
import { CHANGE_CAUSE_ANNOTATION } from './deployment-util.js';

/** Revisions in ascending order with their change-cause, `<none>` where there is none. */
export function historyTable(templates: ReadonlyMap<number, PodTemplateSpec>): string {
  const tw = new TabWriter(0, 8, 2, ' ', 0);
  tw.write('REVISION\tCHANGE-CAUSE\n');
  for (const r of [...templates.keys()].sort((a, b) => a - b)) {
    const cause = templates.get(r)!.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION] || '<none>';
    tw.write(`${r}\t${cause}\n`);
  }
  tw.flush();
  return tw.take();
}

/**
 * printTemplate: DescribePodTemplate written through a bare describe.NewPrefixWriter on a
 * buffer — no tabwriter, so the tabs reach the output as they are.
 */
export function describeRevision(template: PodTemplateSpec): string {
  let out = '';
  const w: PrefixWriter = {
    write: (level, text) => { out += escapeTerminal('  '.repeat(level) + text); },
    writeLine: (...parts) => { out += escapeTerminal(parts.join(' ') + '\n'); },
    flush: () => {},
  };
  describePodTemplate(template, w);
  return out;
}
