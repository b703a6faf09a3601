/**
 * The OpenAPI 3.1 document, generated from the route table and the same zod schemas that
 * validate requests, plus a small readable docs page rendered from it.
 */
import * as z from 'zod';
import type { RouteDef } from './routes.ts';

type Json = Record<string, unknown>;

const Problem = {
  type: 'object',
  description: 'RFC 9457 problem details with a stable `code`',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', description: 'Stable error code, e.g. validation_failed, not_found' },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'Request id' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' }, params: { type: 'object' } } },
    },
  },
  required: ['type', 'title', 'status', 'code'],
};

/** JSON Schema of a zod schema, with named sub-schemas hoisted into `components`. */
function toSchema(schema: z.ZodType, io: 'input' | 'output', components: Json): Json {
  const js = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  const defs = (js.$defs ?? {}) as Json;
  delete js.$defs;
  delete js.$schema;
  const rewrite = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(rewrite)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v).map(([k, x]) => [k, k === '$ref' && typeof x === 'string' ? x.replace('#/$defs/', '#/components/schemas/') : rewrite(x)]),
          )
        : v;
  for (const [name, def] of Object.entries(defs)) components[name] = rewrite(def);
  const id = z.globalRegistry.get(schema)?.id;
  const body = rewrite(js) as Json;
  if (!id) return body;
  // zod already emits a named schema as a reference to its own definition
  if (body.$ref !== `#/components/schemas/${id}`) components[id] = body;
  return { $ref: `#/components/schemas/${id}` };
}

function parameters(route: RouteDef, components: Json): Json[] {
  const out: Json[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const ref = toSchema(schema, 'input', components);
    const js = (typeof ref.$ref === 'string' ? components[ref.$ref.split('/').pop()!] : ref) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, s] of Object.entries(js.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: s });
    }
  }
  return out;
}

/** The OpenAPI 3.1 document of these routes. */
export function openApiDocument(routes: readonly RouteDef[]): Json {
  const components: Json = { Problem };
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const responses: Json = {
      [r.status]: r.response
        ? { description: 'Success', content: { 'application/json': { schema: toSchema(r.response, 'output', components) } } }
        : { description: 'Success, no content' },
      default: { description: 'Error', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    };
    const op: Json = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.tag],
      parameters: parameters(r, components),
      responses,
      ...(r.auth === 'public' ? { security: [] } : { description: `Roles: ${r.auth.join(', ')}` }),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(r.body, 'input', components) } } } } : {}),
    };
    (paths[r.path] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Helpdesk API',
      version: '1.0.0',
      description: 'Every request acts inside the tenant of the caller’s session. Errors are application/problem+json with a stable code.',
    },
    servers: [{ url: '/' }],
    security: [{ session: [] }, { bearer: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'hd_session' },
        bearer: { type: 'http', scheme: 'bearer', description: 'The `token` returned by login, signup, verifyEmail or acceptInvitation' },
      },
    },
  };
}

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A self-contained HTML page listing every operation of the document, with its schemas. */
export function docsPage(doc: Json): string {
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const ops = Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const params = (op.parameters as Json[]).map((p) => `<li><code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', required' : ''})</li>`).join('');
      const body = (op.requestBody as { content: Record<string, { schema: unknown }> } | undefined)?.content['application/json']?.schema;
      return `<section id="${esc(op.operationId)}"><h2><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h2>
<p><strong>${esc(op.operationId)}</strong> — ${esc(op.summary)}${op.description ? ` <em>(${esc(op.description)})</em>` : ' <em>(public)</em>'}</p>
${params ? `<h3>Parameters</h3><ul>${params}</ul>` : ''}${body ? `<details><summary>Request body</summary><pre>${esc(JSON.stringify(body, null, 2))}</pre></details>` : ''}
<details><summary>Responses</summary><pre>${esc(JSON.stringify(op.responses, null, 2))}</pre></details></section>`;
    }),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Helpdesk API</title>
<style>body{font-family:system-ui,sans-serif;max-width:960px;margin:0 auto;padding:1rem;line-height:1.5}code,pre{font-family:ui-monospace,monospace}pre{background:#f6f8fa;padding:.75rem;overflow:auto;font-size:.8rem}section{border-top:1px solid #ddd;padding:.5rem 0}.m{display:inline-block;min-width:4.5rem;text-align:center;border-radius:4px;color:#fff;font-size:.9rem;padding:0 .4rem}.get{background:#1f6feb}.post{background:#1a7f37}.patch{background:#9a6700}.delete{background:#cf222e}h2{font-size:1.1rem}</style></head>
<body><h1>Helpdesk API</h1><p>${esc((doc.info as Json).description)} Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>.</p>
<nav><ul>${Object.values(paths)
    .flatMap((m) => Object.values(m))
    .map((op) => `<li><a href="#${esc(op.operationId)}">${esc(op.operationId)}</a></li>`)
    .join('')}</ul></nav>${ops.join('\n')}</body></html>`;
}
