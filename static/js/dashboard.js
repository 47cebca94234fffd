// Evaluation pages: the dashboard's charts (data passed with json_script; every chart has a table
// with the same figures beside it) and the print button of the printable sheets.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });

  var source = document.getElementById("dashboard-charts");
  if (!source || typeof window.Chart === "undefined") {
    return;
  }
  // Colours with at least 3:1 contrast against white (WCAG 1.4.11), told apart by pattern too.
  var palette = ["#0b5394", "#c2410c", "#047857", "#7c3aed"];
  var charts = JSON.parse(source.textContent);

  charts.forEach(function (chart) {
    var canvas = document.getElementById(chart.id);
    if (!canvas) {
      return;
    }
    var datasets = chart.series.map(function (series, index) {
      return {
        label: series.label,
        data: series.data,
        backgroundColor: palette[index % palette.length],
        borderColor: palette[index % palette.length],
        borderDash: index % 2 ? [6, 4] : [],
        spanGaps: true,
      };
    });
    var valueAxis = { beginAtZero: true };
    if (chart.max) {
      valueAxis.max = chart.max;
      valueAxis.min = 0;
    }
    var scales = chart.horizontal ? { x: valueAxis } : { y: valueAxis };
    if (chart.horizontal) {
      delete valueAxis.beginAtZero;
    }
    new window.Chart(canvas, {
      type: chart.type,
      data: { labels: chart.labels, datasets: datasets },
      options: {
        indexAxis: chart.horizontal ? "y" : "x",
        aspectRatio: chart.horizontal ? 1.1 : 2,
        animation: false,
        scales: scales,
        plugins: {
          legend: { display: datasets.length > 1 },
          title: { display: true, text: chart.title },
        },
      },
    });
    canvas.dataset.chartReady = "1";
  });
})();
