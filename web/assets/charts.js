// Draws each dashboard chart with uPlot from the JSON beside it. The numbers are also in
// the table under each chart, so the page says the same without JavaScript.
(function () {
  var colors = ["#1f6feb", "#d1242f", "#2da44e", "#bf8700", "#8250df", "#57606a"];
  document.querySelectorAll(".chart[data-chart]").forEach(function (el) {
    var source = document.getElementById("chart-" + el.dataset.chart);
    if (!source) return;
    var data = JSON.parse(source.textContent);
    var xs = data.labels.map(function (_, i) {
      return i;
    });
    var bars = el.dataset.kind === "bars";
    var opts = {
      width: Math.min(el.clientWidth || 720, 900),
      height: 240,
      scales: { x: { time: false } },
      axes: [
        {
          values: function (_u, ticks) {
            return ticks.map(function (t) {
              return data.labels[t] === undefined ? "" : data.labels[t];
            });
          },
        },
        {},
      ],
      series: [{}].concat(
        data.series.map(function (s, i) {
          var color = colors[i % colors.length];
          return bars
            ? {
                label: s.name,
                stroke: color,
                fill: color + "99",
                paths: uPlot.paths.bars({ size: [0.6 / data.series.length] }),
              }
            : { label: s.name, stroke: color, width: 2 };
        }),
      ),
    };
    new uPlot(
      opts,
      [xs].concat(
        data.series.map(function (s) {
          return s.values;
        }),
      ),
      el,
    );
    el.dataset.drawn = "true";
  });
})();
