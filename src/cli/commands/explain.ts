// `mk explain TYPE[.field...]`: kubectl 1.32's explain over the OpenAPI v3 documents `mk serve`
// publishes (the same documents, built in process), rendered through kubectl's plaintext template.
import { Command } from 'commander';
import { resolveResource, type KindInfo } from '../../api/registry.js';
import { groupVersionDocument } from '../../apiserver/http/openapi.js';
import type { CliContext } from '../context.js';
import { RawError } from '../errors.js';
import { renderPlaintext, type GVR } from '../explain/plaintext.js';

interface Flags { recursive?: boolean; apiVersion?: string; output: string }

/** schema.ParseGroupVersion. */
function parseGroupVersion(gv: string): { group: string; version: string } {
  if (gv === '' || gv === '/') return { group: '', version: '' };
  const parts = gv.split('/');
  if (parts.length === 1) return { group: '', version: gv };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  throw new RawError(`error: unexpected GroupVersion string: ${gv}`);
}

/**
 * explain.SplitAndParseResourceRequest[WithMatchingPrefix]: the resource is the first dotted
 * segment; with no --api-version, a `resource.group` prefix is taken whole (`deployments.apps.spec`).
 */
function splitRequest(input: string, matchPrefix: boolean): { kind: KindInfo; fields: string[] } {
  const path = input.replace(/\.$/, '');
  if (/[[\]{}()*@$?'"=<>!,\s]/.test(path)) throw new RawError('error: invalid jsonpath syntax, first node must be field node');
  const [type, ...rest] = path.split('.');
  const kind = resolveResource(type);
  // The RESTMapper's no-match error, which kubectl's CheckErr prints without `error: `.
  if (!kind) throw new RawError(`the server doesn't have a resource type "${type}"`);
  const groupResource = kind.group ? `${kind.resource}.${kind.group}` : kind.resource;
  if (matchPrefix && path.startsWith(groupResource)) {
    return { kind, fields: path.slice(groupResource.length).split('.').filter(Boolean) };
  }
  return { kind, fields: rest.filter(Boolean) };
}

export function explainCommand(ctx: CliContext): Command {
  return new Command('explain')
    .description('Get documentation for a resource')
    .argument('[resource...]')
    .option('--recursive', 'When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.')
    .option('--api-version <group/version>', 'Use given api-version (group/version) of the resource.')
    .option('-o, --output <format>', 'Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).', 'plaintext')
    .action((args: string[], flags: Flags) => {
      if (args.length === 0) {
        throw new RawError('error: You must specify the type of resource to explain. Use "mk api-resources" for a complete list of supported resources.');
      }
      if (args.length > 1) throw new RawError('error: We accept only this format: explain RESOURCE');
      const { kind, fields } = splitRequest(args[0], !flags.apiVersion);
      const gvr: GVR = { group: kind.group, version: kind.version, resource: kind.resource };
      if (flags.apiVersion) Object.assign(gvr, parseGroupVersion(flags.apiVersion));
      if (flags.output === 'plaintext-openapiv2') {
        // That form is read from /openapi/v2 as protobuf, which mk serve does not produce.
        throw new RawError('Error from server (NotAcceptable): the server was unable to respond with a content type that the client supports');
      }
      const doc = groupVersionDocument(gvr);
      if (!doc) throw new RawError(`error: couldn't find resource for "${gvr.group}/${gvr.version}, Resource=${gvr.resource}"`);
      if (flags.output !== 'plaintext') throw new RawError(`error: unrecognized format: ${flags.output}`);
      const result = renderPlaintext(JSON.parse(JSON.stringify(doc)), gvr, fields, !!flags.recursive);
      ctx.io.out(result.out);
      if (result.error) throw new RawError(result.error);
    });
}
