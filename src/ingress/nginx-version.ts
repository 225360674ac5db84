// The nginx each ingress-nginx controller release bundles (its log banner, and, for the 0.x
// releases whose server_tokens were on, its Server header and error pages).
const BUNDLED: Record<string, string> = { '0.21.0': '1.15.6', '0.20.0': '1.15.5' };

export function bundledNginx(controllerVersion: string): string {
  const v = controllerVersion.replace(/^v/, '');
  return BUNDLED[v] ?? '1.25.5';
}

/** Whether the release shows its nginx version to clients: server-tokens defaulted to true before 1.0. */
export const serverTokensOn = (controllerVersion: string): boolean => controllerVersion.replace(/^v/, '').startsWith('0.');
