// Matches a concrete request path to a path template of the OpenAPI document, the way OpenAPI
// says to: a literal path (`/v1/cases/feed`) wins over a templated one (`/v1/cases/{caseNo}`).
// Central's method guard and the tests' response validator use the same matching.

export interface PathMatch {
  template: string;
  /** lower-case methods the document lists for this path */
  methods: string[];
  params: Record<string, string>;
}

type Doc = { paths: Record<string, Record<string, unknown>> };

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace']);

export function pathMatcher(doc: Doc): (pathname: string) => PathMatch | null {
  const routes = Object.entries(doc.paths)
    .map(([template, item]) => {
      const names: string[] = [];
      const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, n: string) => {
        names.push(n);
        return '([^/]+)';
      });
      return { template, names, re: new RegExp(`^${source}$`), methods: Object.keys(item).filter((m) => METHODS.has(m)) };
    })
    // fewer parameters first: literal segments take precedence
    .sort((a, b) => a.names.length - b.names.length);
  return (pathname) => {
    for (const r of routes) {
      const m = r.re.exec(pathname);
      if (!m) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => {
        params[n] = m[i + 1]!;
      });
      return { template: r.template, methods: r.methods, params };
    }
    return null;
  };
}

/** The Allow header for a documented path (HEAD goes with GET, as the router serves it). */
export function allowHeader(methods: string[]): string {
  const all = methods.includes('get') ? [...methods, 'head'] : methods;
  return all.map((m) => m.toUpperCase()).join(', ');
}
