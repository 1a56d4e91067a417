/**
 * The dashboard's only script (served as /assets/<hash>/dashboard.js; CSP `script-src 'self'`):
 * draws the charts described by `data-chart` attributes with the vendored uPlot, and submits filter
 * forms when a select changes. Kept as a string so Node and Workers serve it without fs. No user
 * text reaches the DOM as HTML: labels go through textContent or uPlot's own text rendering.
 */
export const CLIENT_JS = String.raw`(function () {
  'use strict';
  var css = getComputedStyle(document.documentElement);
  function color(name, dflt) { var v = css.getPropertyValue(name).trim(); return v || dflt; }

  function shadeAndMark(spec) {
    return function (u) {
      var ctx = u.ctx, top = u.bbox.top, h = u.bbox.height;
      ctx.save();
      (spec.shades || []).forEach(function (s) {
        var x0 = u.valToPos(s.from, 'x', true), x1 = u.valToPos(s.to, 'x', true);
        ctx.fillStyle = 'rgba(200, 60, 40, 0.12)';
        ctx.fillRect(x0, top, Math.max(1, x1 - x0), h);
      });
      var labelEnd = -Infinity;
      (spec.markers || []).forEach(function (m) {
        var x = Math.round(u.valToPos(m.t, 'x', true));
        ctx.strokeStyle = color('--accent', '#1f5fa8');
        ctx.lineWidth = 2 * devicePixelRatio;
        ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
        ctx.beginPath(); ctx.moveTo(x, top); ctx.lineTo(x, top + h); ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = color('--accent', '#1f5fa8');
        ctx.font = (11 * devicePixelRatio) + 'px system-ui, sans-serif';
        // Skip a label that would overlap the previous one (narrow screens); the list below has them all.
        var lx = x + 4 * devicePixelRatio;
        if (lx > labelEnd) {
          ctx.fillText(m.label, lx, top + 12 * devicePixelRatio);
          labelEnd = lx + ctx.measureText(m.label).width + 4 * devicePixelRatio;
        }
      });
      ctx.restore();
    };
  }

  function draw(el) {
    var spec;
    try { spec = JSON.parse(el.getAttribute('data-chart')); } catch (e) { return; }
    if (!spec || !spec.x || spec.x.length === 0 || typeof uPlot === 'undefined') return;
    var data = [spec.x].concat(spec.series.map(function (s) { return s.values; }));
    var bars = uPlot.paths && uPlot.paths.bars ? uPlot.paths.bars({ size: [0.8, 40] }) : null;
    var scales = { x: { time: spec.time !== false } };
    var axes = [{ stroke: color('--muted', '#444') }];
    var usedScales = {};
    spec.series.forEach(function (s) { usedScales[s.scale || 'y'] = true; });
    Object.keys(usedScales).forEach(function (k, i) {
      scales[k] = k === 'sent' ? { range: [-1, 1] } : {};
      axes.push({ scale: k, side: i === 0 ? 3 : 1, stroke: color('--muted', '#444'), grid: { show: i === 0 },
        values: spec.categories && i === 0 ? undefined : undefined, size: 50 });
    });
    var nSeries = spec.series.length;
    if (spec.categories) {
      var n = spec.categories.length;
      scales.x = { time: false, range: [-0.5, n - 0.5] };
      axes[0] = { stroke: color('--muted', '#444'),
        splits: function () { return spec.categories.map(function (_, i) { return i; }); },
        values: function (u, splits) { return splits.map(function (v) { return spec.categories[v] || ''; }); } };
    }
    function barsFor(i) {
      if (!uPlot.paths || !uPlot.paths.bars) return null;
      if (!spec.categories || nSeries < 2) return bars;
      // Side by side: each series takes its share of the slot.
      return uPlot.paths.bars({ size: [0.8 / nSeries, 60], align: i === 0 ? -1 : 1 });
    }
    var opts = {
      width: Math.max(280, el.clientWidth),
      height: spec.height || 260,
      scales: scales,
      axes: axes,
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      series: [{ label: spec.categories ? '' : 'time', value: spec.categories ? function (u, v) { return v == null ? '--' : (spec.categories[v] || ''); } : undefined }].concat(spec.series.map(function (s, i) {
        return { label: s.label, scale: s.scale || 'y', stroke: s.color, width: 2,
          fill: s.bars ? s.color + 'cc' : undefined, paths: s.bars ? barsFor(i) || undefined : undefined, points: { show: false } };
      })),
      hooks: { drawClear: [shadeAndMark(spec)] },
    };
    el.textContent = '';
    el.classList.add('drawn');
    var plot = new uPlot(opts, data, el);
    if (spec.links) {
      plot.over.addEventListener('click', function () {
        var i = plot.cursor.idx;
        if (i != null && spec.links[i]) location.href = spec.links[i];
      });
      plot.over.classList.add('clickable');
    }
    var last = el.clientWidth;
    window.addEventListener('resize', function () {
      if (Math.abs(el.clientWidth - last) < 8) return;
      last = el.clientWidth;
      plot.setSize({ width: Math.max(280, el.clientWidth), height: opts.height });
    });
  }

  document.querySelectorAll('[data-chart]').forEach(draw);
  document.querySelectorAll('select[data-autosubmit]').forEach(function (s) {
    s.addEventListener('change', function () { if (s.form) s.form.requestSubmit ? s.form.requestSubmit() : s.form.submit(); });
  });
})();
`;
