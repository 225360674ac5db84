// A PATCH request's body as the API server decodes it: strategic merge and JSON patches go through
// encoding/json, whose syntax errors come back as BadRequest in its words.
import { goUnmarshalError } from '../../api/go-json-scan.js';
import { badRequest } from '../errors.js';
import type { PatchType } from '../api.js';

export function decodePatch(type: PatchType, body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (err) {
    if (type === 'strategic' || type === 'json') throw badRequest(goUnmarshalError(body) ?? (err as Error).message);
    throw badRequest(`error decoding request body: ${(err as Error).message}`);
  }
}
