// kube-apiserver's --event-ttl (1h): an Event not updated for an hour is removed, with the others
// of its lease (eventExpiry). The recorder sets one timer when it creates an Event; each time it
// fires on an Event updated since, it is set again for that update's expiry, so a busy Event costs
// a timer an hour, not one per update.
import { parseTime } from '../apiserver/time.js';
import { eventExpiry } from '../apiserver/recorder.js';
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
    const expiry = eventExpiry(last);
    if (expiry <= ctx.now()) ctx.api.delete('events', ns, name);
    else ctx.requeueAt(expiry, key);
  },
};
