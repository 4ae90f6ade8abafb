/** The HTML report's own style, beside the diagnostics' shared one. */
export const reportCss = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;background:#f6f7f9}
header{padding:.7rem 1rem;background:#1f3b57;color:#fff}
header h1{margin:0;font-size:1.35rem}
header p{margin:.2rem 0 0}
main{padding:.8rem 1rem;max-width:80rem}
h2{font-size:1.15rem;margin:1rem 0 .5rem}
.summaries{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
.summaries h2{flex-basis:100%;margin-bottom:0}
table.summary{border-collapse:collapse;background:#fff;font-size:.92em}
table.summary caption{text-align:left;font-weight:bold;padding:.2rem 0}
table.summary th,table.summary td{border:1px solid #d5d9e0;padding:.15rem .55rem;text-align:left}
table.summary td{text-align:right;font-variant-numeric:tabular-nums}
table.summary thead button{font:inherit;font-weight:bold;background:none;border:0;padding:0;cursor:pointer}
.controls{display:flex;flex-wrap:wrap;gap:.8rem;align-items:center;margin-bottom:.6rem}
.controls select{font:inherit}
.spec{background:#fff;border:1px solid #d5d9e0;border-radius:6px;padding:.5rem .8rem;margin:.6rem 0}
.spec h3{margin:0;font-size:1rem;font-family:ui-monospace,monospace;word-break:break-all}
.facts{margin:.2rem 0;color:#333}
.completeness{display:flex;align-items:center;gap:.6rem;margin:.3rem 0;font-size:.9em}
.bar{position:relative;flex:0 0 12rem;height:.8rem;background:#f1d4d0;border-radius:3px;overflow:hidden}
.bar span{position:absolute;left:0;top:0;bottom:0}
.bar .present{background:#f3c969}
.bar .filled{background:#4a9d5b}
.rules dt{font-weight:bold;margin-top:.4rem}
.rules dd{margin-left:1.2rem}
@media print{
  body{background:#fff}
  header{background:none;color:#000;border-bottom:2px solid #000}
  .controls{display:none}
  .spec{break-inside:avoid-page;border-color:#999}
  .spec[hidden],li[hidden]{display:none}
  .bar{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  a{color:inherit;text-decoration:none}
}
`;

/** Filtering, sorting and sortable tables; it reads only the page's data attributes. */
export const reportScript = `
(function () {
  var byId = function (id) { return document.getElementById(id); };
  var specs = Array.prototype.slice.call(document.querySelectorAll('article.spec'));
  var list = byId('specs');
  function apply() {
    var rule = byId('filter-rule').value, severity = byId('filter-severity').value, template = byId('filter-template').value;
    var only = byId('only-problems').checked, filtering = rule || severity || only;
    var specsShown = 0, problemsShown = 0;
    specs.forEach(function (spec) {
      var visible = 0;
      spec.querySelectorAll('li.diagnostic').forEach(function (item) {
        var show = (!rule || item.dataset.rule === rule) && (!severity || item.dataset.severity === severity);
        item.hidden = !show;
        if (show) visible++;
      });
      var show = (!template || spec.dataset.template === template) && (!filtering || visible > 0);
      spec.hidden = !show;
      if (show) { specsShown++; problemsShown += visible; }
    });
    byId('shown').textContent = specsShown + ' of ' + specs.length + ' specs, ' + problemsShown + ' problems shown';
  }
  function sortSpecs() {
    var key = byId('sort').value;
    var value = function (spec) {
      if (key === 'problems') return -(Number(spec.dataset.errors) * 1000 + Number(spec.dataset.warnings));
      if (key === 'completeness') return Number(spec.dataset.completeness);
      return Number(spec.dataset.order);
    };
    specs.slice().sort(function (a, b) { return value(a) - value(b) || Number(a.dataset.order) - Number(b.dataset.order); })
      .forEach(function (spec) { list.appendChild(spec); });
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var headers = table.querySelectorAll('thead th');
    headers.forEach(function (th, column) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = th.textContent;
      th.textContent = '';
      th.appendChild(button);
      button.addEventListener('click', function () {
        var descending = th.getAttribute('aria-sort') !== 'descending';
        headers.forEach(function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        var body = table.tBodies[0];
        Array.prototype.slice.call(body.rows).sort(function (a, b) {
          var x = a.cells[column].textContent, y = b.cells[column].textContent;
          var order = column === 0 ? x.localeCompare(y) : Number(x) - Number(y);
          return descending ? -order : order;
        }).forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  ['filter-rule', 'filter-severity', 'filter-template', 'only-problems'].forEach(function (id) { byId(id).addEventListener('change', apply); });
  byId('sort').addEventListener('change', sortSpecs);
  apply();
})();
`;
