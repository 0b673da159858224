/**
 * Parses Procore's `Link` header: `<url>; rel="next", <url>; rel="last"`. The documentation shows it folded
 * over several lines and, in older revisions, with a trailing comma and unquoted rel values; all are accepted.
 */
export function parseLinkHeader(header: string | string[] | undefined): Record<string, string> {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const links: Record<string, string> = {};
  const re = /<([^>]*)>\s*;\s*rel\s*=\s*"?([A-Za-z]+)"?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) links[m[2]!.toLowerCase()] = m[1]!.trim();
  return links;
}
