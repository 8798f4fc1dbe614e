/**
 * One sentence for the user out of a failed `npm install`'s output. npm ends with a stack trace and "A complete log
 * of this run can be found in…"; what matters is usually a network error (offline, proxy) or a registry answer.
 */
export function summarizeNpmFailure(lines: readonly string[]): string {
  const text = lines.join('\n');
  const host = /hostname: '([^']+)'/.exec(text)?.[1] ?? /(?:getaddrinfo|connect) \w+ ([\w.-]+)/.exec(text)?.[1];
  const network = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|CERT_\w+|SELF_SIGNED_CERT\w*)\b/.exec(text)?.[1];
  if (network) {
    const where = host ? ` ${host}` : ' the network';
    const libtensorflow = host === 'storage.googleapis.com' ? ' (the package downloads libtensorflow from there)' : '';
    return `could not reach${where}${libtensorflow}: ${network}. Check the internet connection or proxy settings.`;
  }
  const registry = /npm error (?:code )?(E404|E403|E401|ENOSPC|EACCES|EPERM)\b.*/.exec(text);
  if (registry) return registry[0].replace(/^npm error /, '');
  const meaningful = lines.filter((l) => /error/i.test(l) && !/complete log|^npm error\s*$|^\s*at /.test(l));
  return meaningful.at(-1)?.replace(/^npm error\s*/, '').trim() || 'see the LayerLens output channel for npm\'s log';
}
