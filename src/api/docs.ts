/** A self-contained docs page rendered from the OpenAPI document (no CDN, no script). */

type Json = Record<string, unknown>;

const esc = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);

function typeOf(schema: Json | undefined): string {
  if (!schema) return '';
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map(String).join(' | ');
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').pop() ?? '';
  const t = schema.type;
  const base = Array.isArray(t) ? t.join(' | ') : String(t ?? 'object');
  return schema.default !== undefined ? `${base} (default ${String(schema.default)})` : base;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export function renderDocs(doc: Json): string {
  const info = (doc.info ?? {}) as Json;
  const paths = (doc.paths ?? {}) as Record<string, Json>;
  const ops: { tag: string; method: string; path: string; op: Json }[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const m of METHODS) {
      const op = item[m] as Json | undefined;
      if (op) ops.push({ tag: ((op.tags as string[] | undefined) ?? ['other'])[0] ?? 'other', method: m, path, op });
    }
  }
  const tags = [...new Set(ops.map((o) => o.tag))];
  const section = (tag: string) =>
    `<h2 id="${esc(tag)}">${esc(tag)}</h2>` +
    ops
      .filter((o) => o.tag === tag)
      .map(({ method, path, op }) => {
        const params = ((op.parameters as Json[] | undefined) ?? [])
          .map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'yes' : ''}</td><td>${esc(typeOf(p.schema as Json))}</td><td>${esc((p.description as string) ?? ((p.schema as Json)?.description as string) ?? '')}</td></tr>`)
          .join('');
        const body = op.requestBody ? `<p>Body: <code>application/json</code> ${esc(typeOf(((((op.requestBody as Json).content as Json)?.['application/json'] as Json)?.schema) as Json))}</p>` : '';
        const responses = Object.entries((op.responses ?? {}) as Record<string, Json>)
          .map(([code, r]) => `<li><b>${esc(code)}</b> ${esc(r.description)} <small>${esc(Object.keys((r.content as Json) ?? {}).join(', '))}</small></li>`)
          .join('');
        return `<section class="op"><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>/api/v1${esc(path)}</code></h3>
<p>${esc(op.summary)}</p>${op.description ? `<p class="d">${esc(op.description)}</p>` : ''}
${params ? `<table><tr><th>parameter</th><th>in</th><th>required</th><th>type</th><th>description</th></tr>${params}</table>` : ''}${body}
<ul>${responses}</ul></section>`;
      })
      .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(info.title)} — API v1</title>
<style>body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
code{font:13px ui-monospace,monospace}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #d0d7de;padding:.2rem .5rem;text-align:left;vertical-align:top}
.op{border-top:1px solid #d0d7de;padding:.5rem 0}.m{font:bold 12px ui-monospace,monospace;padding:.1rem .4rem;border-radius:3px;color:#fff;background:#57606a}
.get{background:#0969da}.post{background:#1a7f37}.patch{background:#9a6700}.delete{background:#cf222e}.d{color:#57606a}</style></head>
<body><h1>${esc(info.title)} <small>${esc(info.version)}</small></h1><p>${esc(info.description)}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1). Authenticate with <code>Authorization: Bearer &lt;key&gt;</code> (<code>barometer keys create --name NAME --role viewer|admin</code>). Errors are <code>application/problem+json</code>.</p>
<nav>${tags.map((t) => `<a href="#${esc(t)}">${esc(t)}</a>`).join(' · ')}</nav>
${tags.map(section).join('\n')}
</body></html>`;
}
