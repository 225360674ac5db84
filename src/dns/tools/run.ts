// Which DNS client answers a command: busybox's applet where the image is busybox-based, BIND's
// dnsutils where the image ships them.
import { bindNslookup, dig, host } from './bind.js';
import { busyboxNslookup } from './busybox.js';
import type { ToolIO } from './io.js';

export function runDnsTool(cmd: 'nslookup' | 'dig' | 'host', args: string[], io: ToolIO, busyboxVersion: string | undefined): number {
  if (cmd === 'nslookup') return busyboxVersion ? busyboxNslookup(io, args, busyboxVersion) : bindNslookup(io, args);
  return cmd === 'dig' ? dig(io, args) : host(io, args);
}
