/** The page frame: header with navigation for the caller's role, and the sign-out form. */

import type { Child } from 'hono/jsx';
import type { Principal } from '../api/context.ts';
import { can } from '../roles.ts';
import { isNegative, money } from './format.ts';

export function Layout(props: { title: string; principal?: Principal | null; children?: Child }) {
  const p = props.principal;
  const role = p?.user.role;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · tieout`}</title>
        <link rel="stylesheet" href="/static/app.css" />
      </head>
      <body>
        <header>
          <a class="brand" href="/">
            tieout
          </a>
          {p ? (
            <nav>
              <a href="/">Overview</a>
              {can(role, 'approval.review') ? <a href="/approvals">Approvals</a> : null}
              {can(role, 'outbox.read') ? <a href="/outbox">Outbox</a> : null}
              <a href="/docs">API</a>
            </nav>
          ) : null}
          {p ? (
            <div class="who">
              <span>
                {p.user.email} · {p.user.role}
              </span>
              {p.csrfToken ? (
                <form method="post" action="/logout" class="inline">
                  <input type="hidden" name="_csrf" value={p.csrfToken} />
                  <button class="secondary" type="submit">
                    Sign out
                  </button>
                </form>
              ) : null}
            </div>
          ) : null}
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

/** A money cell: right-aligned, negatives in parentheses and red. */
/** A money cell; with `href`, the figure links to its drill-down (the documents behind it). */
export function Money(props: { value: Parameters<typeof money>[0]; href?: string }) {
  const cls = isNegative(props.value) ? 'num neg' : 'num';
  if (!props.href) return <td class={cls}>{money(props.value)}</td>;
  return (
    <td class={cls}>
      <a class="figure" href={props.href}>
        {money(props.value)}
      </a>
    </td>
  );
}

/** A money figure on a card. */
export function MoneyValue(props: { value: Parameters<typeof money>[0] }) {
  return <div class={isNegative(props.value) ? 'value num neg' : 'value num'}>{money(props.value)}</div>;
}

export function Csrf(props: { principal: Principal }) {
  return <input type="hidden" name="_csrf" value={props.principal.csrfToken ?? ''} />;
}
