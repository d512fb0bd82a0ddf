"""The one inline stylesheet every report carries (no external fonts, images or files).

Intensity is told by colour, by a text label and by a border style (easy dotted,
moderate dashed, hard solid); heavy-legs work adds a hatched pattern and a label.
"""

CSS = """
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
  color:#1d2330;background:#f6f7f9}
main{max-width:1040px;margin:0 auto;padding:16px}
h1{font-size:1.5rem;margin:.2em 0 .1em;overflow-wrap:anywhere}
h2{font-size:1.15rem;margin:1.6em 0 .5em}
h3{font-size:1rem;margin:1em 0 .4em;overflow-wrap:anywhere}
p{margin:.4em 0}
a{color:#1f4fb4}
section{background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:12px 14px;
  margin:14px 0}
section>h2:first-child{margin-top:0}
.status{display:inline-block;padding:2px 10px;border-radius:999px;font-weight:600;
  font-size:.9rem;border:2px solid currentColor}
.status-optimal{color:#1b6e2b}.status-feasible{color:#6a5300}
.status-infeasible,.status-unknown,.status-invalid{color:#a4161a}
.sub{color:#555e6e;font-size:.9rem}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse}
th,td{text-align:left;vertical-align:top;padding:6px 8px}
.week{width:100%;table-layout:fixed;min-width:560px}
.week th,.week td{border:1px solid #e3e6ec}
.week thead th{background:#eef1f6;font-size:.9rem}
.week th[scope=row]{width:72px;background:#f4f6f9;font-size:.85rem}
.week td{height:74px;padding:4px}
.week tfoot td,.week tfoot th{height:auto;font-size:.85rem;background:#fafbfc}
.day-tag{display:block;font-weight:400;font-size:.75rem;color:#555e6e}
.block{display:block;border-radius:6px;padding:4px 6px;font-size:.8rem;line-height:1.25;
  border:2px solid;overflow-wrap:anywhere;min-height:100%}
.block .name{display:block;font-weight:600}
.block .tag{display:inline-block;font-size:.7rem;padding:0 4px;border-radius:3px;
  margin:2px 2px 0 0;background:rgba(255,255,255,.75);border:1px solid rgba(0,0,0,.2)}
.i-easy{background-color:#e2f3e4;border-color:#2e7d32;border-style:dotted}
.i-moderate{background-color:#fff0d1;border-color:#a86400;border-style:dashed}
.i-hard{background-color:#fde0df;border-color:#c62828;border-style:solid}
.heavy{background-image:repeating-linear-gradient(135deg,transparent 0 7px,
  rgba(60,20,20,.13) 7px 10px)}
.closed{display:block;color:#6b7280;font-size:.75rem;text-align:center;padding:4px;
  background:repeating-linear-gradient(45deg,#f1f2f4 0 6px,#e6e8ec 6px 12px);
  border-radius:6px;min-height:100%}
.legend{display:flex;flex-wrap:wrap;gap:6px 14px;margin:8px 0 0;padding:0;list-style:none;
  font-size:.85rem}
.legend .block{display:inline-block;min-height:0;padding:1px 8px}
.chart{display:block;width:100%;max-width:680px;height:auto}
.chart text{font-family:inherit}
.kv td,.kv th{border-bottom:1px solid #eceef2}
.kv td.num,.num{text-align:right;font-variant-numeric:tabular-nums}
.flag-ok,.flag-warn{display:block;font-size:.8rem}
.flag-ok{color:#1b6e2b;font-weight:600}.flag-warn{color:#a4161a;font-weight:700}
.gauge{display:block;width:130px;max-width:30vw;height:22px}
.metrics{width:100%}.metrics th{white-space:nowrap}
.share{display:inline-block;height:10px;background:#6a7fb5;border-radius:2px;
  vertical-align:middle}
.conflicts li,.relax li,.why li{margin:.3em 0;overflow-wrap:anywhere}
.why ul{margin:.2em 0 .6em;padding-left:1.2em}
.rule{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;
  background:#eef1f6;padding:0 3px;border-radius:3px}
.grid-cmp{display:grid;gap:14px;grid-template-columns:repeat(auto-fit,minmax(min(100%,560px),1fr))}
.grid-cmp section{margin:0;min-width:0}
.metrics-cmp{min-width:480px}
.metrics-cmp th,.metrics-cmp td{border-bottom:1px solid #eceef2}
.best{font-weight:700;background:#e2f3e4}
.best-mark{font-size:.72rem;color:#1b6e2b;white-space:nowrap}
.alternative h3{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin-top:0}
.alternative .week{min-width:440px}
.alternative .week th[scope=row]{width:56px}
.alternative .block{font-size:.72rem;overflow-wrap:normal;word-break:normal;hyphens:auto}
.alternative .block .tag{font-size:.62rem}
.alternative .block .meta{display:none}
main.wide{max-width:1440px}
.squad{width:100%;min-width:560px}
.squad th,.squad td{border-bottom:1px solid #eceef2;vertical-align:middle}
.spark{display:block;width:96px;height:28px}
footer{color:#6b7280;font-size:.8rem;margin:18px 0}
.pair{display:grid;gap:0 14px;grid-template-columns:repeat(auto-fit,minmax(340px,1fr))}
.pair>section{min-width:0}
.week-list{display:none;margin:0;padding:0;list-style:none}
.week-list>li{display:grid;grid-template-columns:86px 1fr;gap:4px 8px;padding:6px 0;
  border-bottom:1px solid #eceef2}
.week-list .when{font-size:.85rem;font-weight:600}
.week-list .slots{display:grid;gap:4px}
.week-list .slot-name{display:block;font-size:.75rem;color:#555e6e;font-weight:400}
.week-list .block{min-height:0}
.week-list .rest{color:#555e6e;font-size:.85rem}
@media (max-width:600px){
  main{padding:8px}
  section{padding:10px 8px}
  h1{font-size:1.25rem}
  .week-wrap{display:none}
  .week-list{display:block}
  .squad{min-width:0}
  .squad thead{display:none}
  .squad tr{display:block;border-bottom:2px solid #dde1e8;padding:6px 0}
  .squad th[scope=row]{display:block;border:0;font-size:1.05rem}
  .squad td{display:flex;justify-content:space-between;align-items:center;gap:8px;border:0;
    padding:2px 8px;text-align:right}
  .squad td::before{content:attr(data-label);font-weight:600;color:#555e6e;text-align:left}
  .squad td:empty{display:none}
}
"""
