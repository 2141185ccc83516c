/**
 * `GET /api/docs`: the OpenAPI document as one self-contained HTML page (no scripts, no outside
 * assets), for the people who integrate with the API: what each endpoint takes and answers, how to
 * log in and send the CSRF token, and what the errors look like.
 */

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; schema?: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
  security?: unknown[];
}

/** The parts of the OpenAPI document the page reads. */
interface OpenApiDocument {
  info?: { title?: string; version?: string; description?: string };
  paths: Record<string, Record<string, unknown>>;
}

const TAG_TITLES: Record<string, string> = {
  session: '登录与会话 Session', definitions: '流程定义 Definitions', forms: '表单 Forms', instances: '案件 Instances',
  tasks: '待办 Tasks', notices: '公示 Notices', households: '建档立卡 Households', 'org-units': '组织机构 Org units',
  reports: '报表 Reports', admin: '管理 Administration', meta: '契约与健康 Meta', test: '测试时钟 Test clock',
};

const escapeHtml = (text: string) => text
  .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const anchor = (method: string, path: string) => `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '');

function schemaBlock(label: string, schema: unknown): string {
  if (schema === undefined) return '';
  return `<details><summary>${escapeHtml(label)}</summary><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre></details>`;
}

function typeOf(schema: Record<string, unknown> | undefined): string {
  if (!schema) return '';
  if (Array.isArray(schema.enum)) return schema.enum.map(String).join(' | ');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : String(schema.type ?? '');
  return schema.format ? `${type} (${String(schema.format)})` : type;
}

function operationSection(path: string, method: string, op: Operation): string {
  const params = op.parameters ?? [];
  const paramRows = params.map((p) => `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td>`
    + `<td>${escapeHtml(typeOf(p.schema))}</td><td>${p.required ? '必填 required' : ''}</td>`
    + `<td>${escapeHtml(String(p.schema?.description ?? ''))}</td></tr>`).join('');
  const body = op.requestBody
    ? Object.entries(op.requestBody.content).map(([type, c]) => schemaBlock(`请求体 Request body · ${type}`, c.schema ?? { type: 'string', format: 'binary' })).join('')
    : '';
  const responses = Object.entries(op.responses ?? {}).map(([status, r]) => {
    const content = Object.entries(r.content ?? {});
    const schemas = content.map(([type, c]) => (c.schema ? schemaBlock(type, c.schema) : `<span class="type">${escapeHtml(type)}</span>`)).join('');
    return `<li><b>${escapeHtml(status)}</b> ${escapeHtml(r.description ?? '')}${schemas}</li>`;
  }).join('');
  const access = (op.security?.length ?? 0) > 0 ? '<span class="badge session">需登录 login</span>' : '<span class="badge public">公开 public</span>';
  return `<section id="${anchor(method, path)}">
<h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code> ${access}</h3>
<p>${escapeHtml(op.summary ?? '')}</p>
${op.operationId ? `<p class="operation-id">operationId <code>${escapeHtml(op.operationId)}</code> (生成客户端的方法名 the method name in generated clients)</p>` : ''}
${params.length ? `<table><thead><tr><th>参数 Name</th><th>位置 In</th><th>类型 Type</th><th></th><th>说明</th></tr></thead><tbody>${paramRows}</tbody></table>` : ''}
${body}
<ul class="responses">${responses}</ul>
</section>`;
}

/** Renders the whole page from the OpenAPI document. */
export function renderApiDocsPage(document: OpenApiDocument): string {
  const byTag = new Map<string, { path: string; method: string; op: Operation }[]>();
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(methods)) {
      const op = value as Operation;
      const tag = op.tags?.[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), { path, method, op }]);
    }
  }
  const tags = [...byTag.keys()].sort((a, b) => {
    const order = Object.keys(TAG_TITLES);
    return (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99);
  });
  const toc = tags.map((tag) => `<li><a href="#tag-${escapeHtml(tag)}">${escapeHtml(TAG_TITLES[tag] ?? tag)}</a> (${byTag.get(tag)!.length})</li>`).join('');
  const sections = tags.map((tag) => `<h2 id="tag-${escapeHtml(tag)}">${escapeHtml(TAG_TITLES[tag] ?? tag)}</h2>`
    + byTag.get(tag)!.map(({ path, method, op }) => operationSection(path, method, op)).join('')).join('\n');
  const title = `${document.info?.title ?? 'API'} ${document.info?.version ?? ''}`.trim();
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · 接口文档</title>
<style>
body{font:15px/1.6 system-ui,"PingFang SC","Microsoft YaHei","WenQuanYi Zen Hei",sans-serif;margin:0 auto;max-width:980px;padding:16px;color:#1f1f1f}
h1{font-size:24px}h2{border-bottom:2px solid #1677ff;padding-bottom:4px;margin-top:40px}h3{font-size:16px;margin:24px 0 4px}
code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}pre{background:#f5f5f5;padding:8px;overflow:auto;max-height:420px}
table{border-collapse:collapse;width:100%;margin:6px 0}td,th{border:1px solid #e5e5e5;padding:4px 8px;text-align:left;vertical-align:top}
.method{display:inline-block;min-width:58px;text-align:center;border-radius:4px;color:#fff;font-size:12px;padding:1px 6px}
.get{background:#1677ff}.post{background:#52c41a}.put{background:#fa8c16}.patch{background:#13c2c2}.delete{background:#f5222d}
.badge{font-size:12px;border-radius:4px;padding:1px 6px;font-weight:normal}.session{background:#fff7e6;color:#ad4e00}.public{background:#f6ffed;color:#237804}
.responses{padding-left:20px}.type{color:#8c8c8c;margin-left:8px}details{margin:4px 0}summary{cursor:pointer;color:#1677ff}
</style></head><body>
<h1>${escapeHtml(title)} · 接口文档 API reference</h1>
<p>${escapeHtml(document.info?.description ?? '')}</p>
<p>机器可读的契约 Machine-readable contract: <a href="/api/openapi.json"><code>/api/openapi.json</code></a> (OpenAPI 3.1).</p>
<h2>使用方法 How to call it</h2>
<ol>
<li><code>POST /api/auth/login {"username","password"}</code> 返回会话 Cookie（httpOnly, SameSite=Lax）和 <code>csrfToken</code>。 Answers a session cookie and a <code>csrfToken</code>.</li>
<li>每个修改请求带上请求头 <code>X-CSRF-Token: &lt;csrfToken&gt;</code>，否则 403。 Every POST/PUT/PATCH/DELETE carries the token, or gets 403.</li>
<li>错误统一为 <code>{"error":{"code","message","fields?"}}</code>：400 输入有误（<code>fields</code> 以 JSON Pointer 指向字段）、401 未登录、403 无权限、404 不存在或无权查看、409 冲突、413 请求过大、422 当前状态不允许、429 请求过多。 Errors: 400 bad input with field messages, 401, 403, 404 (also for what you may not see), 409, 413, 422, 429.</li>
<li>消息默认中文；请求头 <code>Accept-Language: en</code> 返回英文。 Messages are zh-CN unless <code>Accept-Language: en</code>.</li>
</ol>
<h2>目录 Contents</h2><ul>${toc}</ul>
${sections}
</body></html>`;
}
