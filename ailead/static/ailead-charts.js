// Draw every chart of the page with the locally served vega-embed bundle.
(function () {
  "use strict";
  // Mark the page as scripted at once, so the static SVGs give way to the
  // interactive charts (see ailead.css).
  document.documentElement.classList.add("ailead-js");
  function draw() {
    var containers = document.querySelectorAll("div.ailead-chart");
    containers.forEach(function (figure) {
      var target = figure.querySelector(".ailead-vega");
      var specNode = figure.querySelector("script.ailead-vega-spec");
      if (!target || !specNode || target.dataset.drawn) { return; }
      target.dataset.drawn = "1";
      var spec = JSON.parse(specNode.textContent);
      // No "open in editor" link: it would send the chart to a third-party site.
      window.vegaEmbed(target, spec, {
        renderer: "svg",
        actions: { export: true, source: false, compiled: false, editor: false }
      }).then(function (result) { addReset(target, spec, result.view); })
        .catch(function (error) { console.error("chart failed to render", error); });
    });
  }
  // A chart whose usermeta asks for it (the explorer) gets a button that sets
  // every bound parameter back to its starting value: Vega-Lite binds range
  // inputs and radio buttons, but no button.
  function addReset(target, spec, view) {
    var meta = (spec.usermeta || {}).ailead || {};
    if (!meta.reset) { return; }
    var params = (spec.params || []).filter(function (p) { return p.bind && p.value !== undefined; });
    var button = document.createElement("button");
    button.type = "button";
    button.className = "ailead-reset";
    button.textContent = meta.reset.label || "Reset";
    button.addEventListener("click", function () {
      params.forEach(function (p) { view.signal(p.name, p.value); });
      view.runAsync();
    });
    var form = target.querySelector(".vega-bindings");
    (form || target).appendChild(button);
  }
  // Printed tables show their long notes in full.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("table.ailead-table details").forEach(function (d) { d.open = true; });
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
