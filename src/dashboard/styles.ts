/** The dashboard stylesheet (served from our origin; CSP allows no inline styles). Contrast ≥ 4.5:1. */
export const DASHBOARD_CSS = `
:root{--bg:#f6f7f9;--card:#fff;--fg:#16181d;--muted:#4a5160;--line:#d5d9e0;--accent:#1f5fa8;--bad:#a3261b;--good:#17663a;--warn:#7a5200;--demo:#fff3c4}
*{box-sizing:border-box}
html{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
body{margin:0}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:6px;z-index:9}
header.top{background:#16233a;color:#fff;padding:8px 16px;display:flex;flex-wrap:wrap;gap:8px 20px;align-items:center}
header.top a{color:#fff;text-decoration:none;padding:4px 2px}
header.top a[aria-current=page]{border-bottom:3px solid #f0a500}
header.top .brand{font-weight:700;margin-right:8px}
header.top nav{display:flex;flex-wrap:wrap;gap:4px 14px;flex:1}
header.top form{margin:0}
header.top button{background:transparent;color:#fff;border:1px solid #8a97ad;border-radius:4px;padding:3px 10px;cursor:pointer}
.demo-banner{background:var(--demo);border-bottom:1px solid #e2c86a;padding:6px 16px;color:#3d3000}
main{max-width:1240px;margin:0 auto;padding:16px}
h1{font-size:1.5rem;margin:4px 0 12px}h2{font-size:1.15rem;margin:20px 0 8px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px;margin-bottom:14px}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:10px;margin-bottom:14px}
.kpi{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.kpi .label{color:var(--muted);font-size:.85rem}.kpi .value{font-size:1.5rem;font-weight:650}
.delta{font-size:.85rem;color:var(--muted)}.delta.up-bad,.delta.down-bad{color:var(--bad)}.delta.up-good,.delta.down-good{color:var(--good)}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:14px}
@media (max-width:800px){.grid2{grid-template-columns:1fr}}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto}
form.filters{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:flex-end;margin-bottom:12px}
form.filters label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
input,select,button{font:inherit}
input[type=text],input[type=search],input[type=url],select{padding:5px 8px;border:1px solid #8a93a3;border-radius:4px;background:#fff;color:var(--fg);min-height:34px}
button,.button{background:var(--accent);color:#fff;border:0;border-radius:4px;padding:6px 12px;cursor:pointer;min-height:34px;text-decoration:none;display:inline-block}
button.secondary{background:#fff;color:var(--accent);border:1px solid var(--accent)}
button.danger{background:var(--bad)}
.chart{min-height:200px;width:100%}
figure.card{margin:0 0 14px}figcaption{margin-bottom:6px}
.chart .u-over.clickable{cursor:pointer}
.empty{padding:18px;border:1px dashed #8a93a3;border-radius:8px;background:#fff;color:var(--muted)}
.empty code{background:#eef0f4;padding:1px 4px;border-radius:3px;color:var(--fg)}
.tag{display:inline-block;border-radius:10px;padding:0 8px;font-size:.8rem;background:#e8ecf3;color:#222;margin:1px 2px 1px 0}
.tag.neg,.tag.bad{background:#fbe3e0;color:#7a1b12}.tag.pos,.tag.good{background:#ddf3e4;color:#11512d}.tag.warn{background:#fbefd0;color:#5c3d00}
.post{border-bottom:1px solid var(--line);padding:10px 0}.post:last-child{border-bottom:0}
.post .meta{color:var(--muted);font-size:.85rem}
.post .text{white-space:pre-wrap;word-break:break-word;margin:4px 0}
.timeline-list{list-style:none;padding:0;margin:0}
.timeline-list li{padding:6px 0 6px 12px;border-left:4px solid var(--line);margin:4px 0}
.timeline-list li.update-marker{border-left-color:var(--accent)}
.timeline-list li.silence-gap{border-left-color:var(--bad);background:#fcefed}
.flash{background:#ddf3e4;border:1px solid #8fc9a4;padding:10px;border-radius:6px;margin-bottom:12px}
.flash.error{background:#fbe3e0;border-color:#d99a92}
.secret{font-family:ui-monospace,monospace;background:#fff;border:1px solid var(--line);padding:6px;word-break:break-all;user-select:all}
.muted{color:var(--muted)}
.pager{display:flex;gap:10px;margin-top:10px}
.inline{display:inline}
@media (max-width:500px){header.top .brand{width:100%}main{padding:10px}.kpi .value{font-size:1.25rem}th,td{padding:5px 4px}header.top{padding:8px 10px}}
`;
