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
  // every bound parameter back to its starting value, and one per preset that
  // sets them to its values. Vega-Lite binds range inputs and radio buttons,
  // but no button, and a bound parameter cannot follow another one.
  function addReset(target, spec, view) {
    var reset = ((spec.usermeta || {}).ailead || {}).reset;
    if (!reset) { return; }
    var start = {};
    (spec.params || []).forEach(function (p) { if (p.bind && p.value !== undefined) { start[p.name] = p.value; } });
    var form = target.querySelector(".vega-bindings") || target;
    function button(label, values) {
      var node = document.createElement("button");
      node.type = "button";
      node.className = "ailead-reset";
      node.textContent = label;
      node.addEventListener("click", function () {
        Object.keys(values).forEach(function (name) { view.signal(name, values[name]); });
        view.runAsync();
      });
      form.appendChild(node);
    }
    button(reset.label || "Reset", start);
    (reset.presets || []).forEach(function (preset) { button(preset.label, preset.values); });
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
