/* Draw every <div class="chart" data-chart="{...}"> with the vendored ECharts. */
(function () {
  "use strict";
  var palette = ["#1d3557", "#e76f51", "#2a9d8f", "#f4a261", "#457b9d", "#8d5a97", "#e9c46a", "#6c757d"];
  function option(spec) {
    var base = {
      color: palette,
      animation: false,
      grid: { left: 44, right: 16, top: 34, bottom: 28 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: spec.x },
      yAxis: { type: "value", minInterval: 1 }
    };
    if (spec.type === "stacked_bar") {
      base.legend = { top: 0, type: "scroll" };
      base.series = spec.series.map(function (s) {
        return { name: s.name, type: "bar", stack: "all", data: s.data, barMaxWidth: 36 };
      });
    } else if (spec.type === "bar_pct") {
      base.yAxis = { type: "value", max: 100, axisLabel: { formatter: "{value}%" } };
      base.series = spec.series.map(function (s) {
        return { name: s.name, type: "bar", data: s.data, barMaxWidth: 40, label: { show: true, position: "top", formatter: "{c}%" } };
      });
    } else if (spec.type === "line_pct") {
      base.yAxis = { type: "value", max: 100, axisLabel: { formatter: "{value}%" } };
      base.series = spec.series.map(function (s) {
        return { name: s.name, type: "line", data: s.data, connectNulls: true, symbolSize: 6 };
      });
    }
    return base;
  }
  var charts = [];
  document.querySelectorAll(".chart[data-chart]").forEach(function (el) {
    if (typeof echarts === "undefined") { el.textContent = "图表脚本未加载"; return; }
    var spec = JSON.parse(el.getAttribute("data-chart"));
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option(spec));
    el.setAttribute("data-rendered", "1");
    charts.push(chart);
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
