/** Settings (admin): API keys (a new key is shown once) and webhooks (the secret is shown once). */
import type { Context } from 'hono';
import { listApiKeys } from '../../../db/queries/keys.js';
import { listWebhooks } from '../../../db/queries/webhooks.js';
import type { AppEnv } from '../../app.js';
import { Layout, type PageContext } from '../layout.js';
import { when } from '../period.js';

export interface Flash {
  text: string;
  error?: boolean;
  secret?: { label: string; value: string };
}

export async function settingsPage(c: Context<AppEnv>, ctx: PageContext, flash?: Flash, status: 200 | 400 = 200) {
  const deps = c.get('deps');
  const [keys, hooks] = await Promise.all([listApiKeys(deps.db), listWebhooks(deps.db)]);
  const Csrf = () => <input type="hidden" name="_csrf" value={ctx.csrf} />;
  return c.html(
    <Layout ctx={ctx} title="Settings">
      {flash && (
        <div class={`flash${flash.error ? ' error' : ''}`} role={flash.error ? 'alert' : 'status'}>
          {flash.text}
          {flash.secret && (
            <>
              <p>{flash.secret.label} — copy it now, it is not shown again:</p>
              <p class="secret" data-testid="new-secret">{flash.secret.value}</p>
            </>
          )}
        </div>
      )}
      <section class="card" aria-labelledby="keys">
        <h2 id="keys">API keys</h2>
        <form class="filters" method="post" action="/settings/keys">
          <Csrf />
          <label>
            Name
            <input type="text" name="name" required maxlength={100} placeholder="e.g. support-dashboard" />
          </label>
          <label>
            Role
            <select name="role">
              <option value="viewer">viewer (read)</option>
              <option value="admin">admin (read + write)</option>
            </select>
          </label>
          <button type="submit">Create key</button>
        </form>
        {keys.length === 0 ? (
          <p class="muted">No API keys yet. Create one above, or with <code>barometer keys create --name NAME --role viewer</code>.</p>
        ) : (
          <div class="scroll"><table>
            <thead><tr><th>Name</th><th>Key</th><th>Role</th><th>Created</th><th>Last used</th><th>State</th></tr></thead>
            <tbody>
              {keys.map((k) => (
                <tr data-key-id={k.id}>
                  <td>{k.name}</td>
                  <td><code>{k.prefix}…</code></td>
                  <td>{k.role}</td>
                  <td>{when(k.createdAt)}</td>
                  <td>{when(k.lastUsedAt)}</td>
                  <td>
                    {k.revokedAt !== null ? (
                      <span class="tag bad">revoked {when(k.revokedAt)}</span>
                    ) : (
                      <form method="post" action={`/settings/keys/${k.id}/revoke`}>
                        <Csrf />
                        <button type="submit" class="danger" aria-label={`Revoke key ${k.name}`}>Revoke</button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table></div>
        )}
      </section>
      <section class="card" aria-labelledby="hooks">
        <h2 id="hooks">Webhooks</h2>
        <p class="muted">Alerts are POSTed to each URL, signed with HMAC-SHA256 over timestamp + body using the webhook's secret.</p>
        <form class="filters" method="post" action="/settings/webhooks">
          <Csrf />
          <label>
            URL
            <input type="url" name="url" required maxlength={2000} placeholder="https://example.com/hooks/barometer" size={40} />
          </label>
          <label>
            Products (comma-separated ids, empty = all)
            <input type="text" name="products" maxlength={500} />
          </label>
          <label>
            Minimum severity
            <select name="minSeverity">
              <option value="">any</option>
              <option value="low">low</option>
              <option value="medium">medium</option>
              <option value="high">high</option>
              <option value="critical">critical</option>
            </select>
          </label>
          <button type="submit">Add webhook</button>
        </form>
        {hooks.length === 0 ? (
          <p class="muted">No webhooks yet.</p>
        ) : (
          <div class="scroll"><table>
            <thead><tr><th>URL</th><th>Filters</th><th>Created</th><th></th></tr></thead>
            <tbody>
              {hooks.map((h) => (
                <tr>
                  <td>{h.url}</td>
                  <td><code>{JSON.stringify(h.filters)}</code></td>
                  <td>{when(h.createdAt)}</td>
                  <td>
                    <form method="post" action={`/settings/webhooks/${h.id}/delete`}>
                      <Csrf />
                      <button type="submit" class="danger" aria-label={`Delete webhook ${h.id}`}>Delete</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table></div>
        )}
      </section>
    </Layout>,
    status,
  );
}
