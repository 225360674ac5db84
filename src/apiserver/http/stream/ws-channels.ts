// The channel framing of remote command streams over WebSocket (v5.channel.k8s.io): every binary
// message starts with its channel's byte; stdin 0, stdout 1, stderr 2, the error channel 3 (one
// metav1.Status as JSON at the end), terminal resizes 4 (which mk's shells have no use for), and
// the close signal 255 whose one data byte names the channel the peer has finished writing.
export const STREAM_PROTOCOL_V5 = 'v5.channel.k8s.io';

export const Channel = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

/** A message on a channel, as the other side writes it. */
export function channelFrame(channel: number, data: Buffer | string = Buffer.alloc(0)): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return Buffer.concat([Buffer.from([channel]), body]);
}

export type ChannelMessage =
  | { type: 'data'; channel: number; data: Buffer }
  | { type: 'close'; channel: number };

/** Splits a binary message into its channel and payload; the close signal names a channel. */
export function parseChannelFrame(msg: Buffer): ChannelMessage | undefined {
  if (msg.length === 0) return undefined;
  if (msg[0] === Channel.close) return msg.length >= 2 ? { type: 'close', channel: msg[1] } : undefined;
  return { type: 'data', channel: msg[0], data: msg.subarray(1) };
}

/** The error channel's Status when the command ended with status 0. */
export const SUCCESS = { metadata: {}, status: 'Success' };

/**
 * The kubelet's Status for a command that exited non-zero: client-go turns reason NonZeroExitCode
 * and the ExitCode cause into `command terminated with exit code N`. The message is containerd's
 * exec error as the kubelet wraps it.
 */
export function exitCodeStatus(argv: string[], code: number): object {
  return {
    metadata: {}, status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${argv.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/**
 * apierrors.NewInternalError as the API server's stream translator writes it for a failure the
 * kubelet reported: the client prints the message after `error: `.
 */
export function internalErrorStatus(message: string): object {
  const prefix = 'Internal error occurred: ';
  const cause = message.startsWith(prefix) ? message.slice(prefix.length) : message;
  return {
    metadata: {}, status: 'Failure', message: message.startsWith(prefix) ? message : `${prefix}${message}`,
    reason: 'InternalError', details: { causes: [{ message: cause }] }, code: 500,
  };
}
