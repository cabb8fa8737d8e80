// The path and query a request was signed over (common/request-signing.ts: the terminal signs
// `url.pathname + url.search`), read from the request's absolute URL without parsing it again:
// `new URL()` of every signed request was ~1.7% of central's time under bench/fleet.bench.ts.
// The URL a server hands on is already serialised by the URL parser, so the path and query are
// the characters between the authority and the end; the two spellings where `new URL()` differs
// from that slice (a fragment, an empty query `?`) go through the parser.

/** `new URL(url).pathname + new URL(url).search`, for a URL serialised by the URL parser. */
export function signedPathAndQuery(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start === -1 || url.includes('#') || url.endsWith('?')) {
    const u = new URL(url);
    return u.pathname + u.search;
  }
  return url.slice(start);
}
