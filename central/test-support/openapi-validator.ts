// Holds one answer of central to its OpenAPI document, strictly: the status is documented for
// that operation (405 with Allow for a method the path does not list, 404 for a path not in
// the document), the content type is a documented one, and a JSON body validates against its
// schema, where objects allow no undocumented field. Answers outside /v1 (the fleet view) are
// not part of the contract and pass.
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { buildOpenApi } from '../openapi';
import { allowHeader, pathMatcher } from '../openapi-paths';

type MediaSpec = { schema?: object };
type ResponseSpec = { description: string; content?: Record<string, MediaSpec> };
type Operation = { responses: Record<string, ResponseSpec> };
export type OpenApiDoc = {
  paths: Record<string, Record<string, Operation>>;
  components?: { responses?: Record<string, ResponseSpec> };
};

export type ResponseCheck = (method: string, url: string, res: Response) => Promise<string[]>;

export function responseValidator(doc: OpenApiDoc = buildOpenApi() as OpenApiDoc): ResponseCheck {
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  const compiled = new Map<object, ValidateFunction>();
  const validatorOf = (schema: object) => {
    let v = compiled.get(schema);
    if (!v) compiled.set(schema, (v = ajv.compile(schema)));
    return v;
  };
  const match = pathMatcher(doc);

  return async (method, url, res) => {
    const u = new URL(url);
    if (!u.pathname.startsWith('/v1/')) return [];
    const m = method.toLowerCase();
    const where = `${method.toUpperCase()} ${u.pathname}${u.search} → ${res.status}`;
    const problems: string[] = [];
    const found = match(u.pathname);
    let spec: ResponseSpec | undefined;
    if (!found) {
      if (res.status !== 404) problems.push(`${where}: path not in the document, expected 404`);
      spec = doc.components?.responses?.NotFound;
    } else if (!found.methods.includes(m) && !(m === 'head' && found.methods.includes('get'))) {
      if (res.status !== 405) problems.push(`${where}: ${found.template} has no ${method.toUpperCase()}, expected 405`);
      else if (res.headers.get('allow') !== allowHeader(found.methods))
        problems.push(`${where}: Allow is ${JSON.stringify(res.headers.get('allow'))}, expected ${JSON.stringify(allowHeader(found.methods))}`);
      spec = doc.components?.responses?.MethodNotAllowed;
    } else {
      const op = doc.paths[found.template]![m === 'head' ? 'get' : m]!;
      spec = op.responses[String(res.status)];
      if (!spec) problems.push(`${where}: status ${res.status} is not documented for ${found.template} (documented: ${Object.keys(op.responses).join(', ')})`);
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await res.clone().arrayBuffer());
    } catch {
      return problems; // the connection died mid-answer: there is no answer to hold to the document
    }
    if (!spec || m === 'head') return problems;
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!spec.content) {
      if (bytes.byteLength > 0) problems.push(`${where}: documented without a body, got ${bytes.byteLength} bytes of ${type || 'no type'}`);
      return problems;
    }
    const media = spec.content[type];
    if (!media) {
      problems.push(`${where}: content type ${JSON.stringify(type)} not documented (documented: ${Object.keys(spec.content).join(', ')})`);
      return problems;
    }
    if (type === 'application/json' && media.schema) {
      let body: unknown;
      try {
        body = JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        problems.push(`${where}: body is not JSON`);
        return problems;
      }
      const validate = validatorOf(media.schema);
      if (!validate(body))
        problems.push(`${where}: body does not match the document: ${ajv.errorsText(validate.errors, { separator: '; ' })}\n  body: ${new TextDecoder().decode(bytes).slice(0, 600)}`);
    }
    return problems;
  };
}

export class ContractViolation extends Error {
  constructor(problems: string[]) {
    super(`central answered outside its OpenAPI document:\n${problems.join('\n')}`);
    this.name = 'ContractViolation';
  }
}
