// The media types of request and response bodies, cheap to import: the protobuf codec itself
// (protobuf.ts, with its schema) loads only when a request needs it.

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';

/** A Content-Type, or one entry of an Accept, without its parameters. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/** Whether a media type (a Content-Type, or one entry of an Accept) is Kubernetes protobuf. */
export function isProtobuf(header: string | undefined): boolean {
  return mediaType(header) === PROTOBUF;
}

/**
 * Whether an Accept header leaves the server nothing but protobuf: every entry is protobuf, no
 * JSON, YAML or wildcard alternative. client-go's typed clients (kubectl create's generators
 * among them) send `application/vnd.kubernetes.protobuf,application/json` and are answered in
 * JSON; client-node asks for `application/json, *\/*;q=0.8`.
 */
export function acceptsOnlyProtobuf(accept: string | undefined): boolean {
  const entries = (accept ?? '').split(',').map((e) => e.trim()).filter((e) => e !== '');
  return entries.length > 0 && entries.every(isProtobuf);
}
