// kube-apiserver's --event-ttl (1h): an Event not updated for an hour is removed. The recorder
// sets a timer for each write; only the last one finds the event due.
import { parseTime } from '../apiserver/time.js';
import { EVENT_TTL_MS } from '../apiserver/recorder.js';
import type { Controller } from './controller.js';

export const eventTtlController: Controller = {
  name: 'event-ttl',
  watches: [],
  keysFor: () => [],
  reconcile(key, ctx) {
    const [ns, name] = key.split('/');
    const ev = ctx.api.tryGet('events', ns, name);
    if (!ev) return;
    const series = ev.series as { lastObservedTime?: string } | undefined;
    const last = parseTime(series?.lastObservedTime) ?? parseTime(ev.lastTimestamp as string | undefined)
      ?? parseTime(ev.eventTime as string | undefined) ?? 0;
    if (last + EVENT_TTL_MS <= ctx.now()) ctx.api.delete('events', ns, name);
  },
};
