// kube-apiserver's --event-ttl (1h): an Event not updated for an hour is removed. The recorder
// sets one timer when it creates an Event; each time it fires on an Event updated since, it is set
// again for an hour after that update, so a busy Event costs a timer an hour, not one per update.
import { parseTime } from '../apiserver/time.js';
import { EVENT_TTL_MS } from '../apiserver/recorder.js';
import type { Controller } from './controller.js';

export const eventTtlController: Controller = {
  name: 'event-ttl',
  watches: [],
  keysFor: () => [],
  isolatedTimers: true,
  reconcile(key, ctx) {
    const [ns, name] = key.split('/');
    const ev = ctx.api.tryGet('events', ns, name);
    if (!ev) return;
    const series = ev.series as { lastObservedTime?: string } | undefined;
    const last = parseTime(series?.lastObservedTime) ?? parseTime(ev.lastTimestamp as string | undefined)
      ?? parseTime(ev.eventTime as string | undefined) ?? 0;
    if (last + EVENT_TTL_MS <= ctx.now()) ctx.api.delete('events', ns, name);
    else ctx.requeueAt(last + EVENT_TTL_MS, key);
  },
};
