/// The explore page's inline CSS and script. The script is small and plain (no libraries, no requests): it picks
/// the run matching each side's controls, copies that run's figures and charts beside the other side's, and marks
/// both in the table of all runs. Without it, the page shows every run in full.
enum ExploreAssets {
    static let style = """
        main{max-width:1600px}
        .sides{display:none}.js .sides{display:block}.js .nojs-note,.js .every-run{display:none}
        .side-by-side{display:grid;grid-template-columns:1fr 1fr;gap:24px}
        @media (max-width:900px){.side-by-side{grid-template-columns:1fr}}
        .side h3{margin:0.6em 0 0.3em}
        fieldset.controls{border:1px solid #bbb;padding:8px 12px;margin:0;display:grid;
        grid-template-columns:max-content minmax(6em,1fr) max-content;gap:6px 12px;align-items:center}
        .control{display:contents}.control label{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:0.92em}
        .control input[type=range]{width:100%;margin:0}.control select{justify-self:start;grid-column:2 / 4}
        .control output{font-weight:bold;min-width:4em}
        select,input{font:inherit}:focus-visible{outline:3px solid #0b61d6;outline-offset:2px}
        .status{font-weight:bold;margin:0.6em 0}
        dl.figures{display:grid;grid-template-columns:max-content auto;gap:2px 14px;margin:0.5em 0}
        dl.figures div{display:contents}dt{color:#444}dd{margin:0;font-variant-numeric:tabular-nums;font-weight:bold}
        caption{text-align:left;font-weight:bold;padding:4px 0}
        tr.chosen-a td,tr.chosen-b td{background:#fff6d5}#all-runs td{white-space:nowrap}td.shown-as{font-weight:bold;text-align:center}
        @media print{fieldset.controls{display:none}.side-by-side{display:block}.side{page-break-inside:avoid}
        main{padding:0}tr.chosen-a td,tr.chosen-b td{background:none}}
        """

    static let script = """
        (function () {
          "use strict";
          var each = function (list, action) { Array.prototype.forEach.call(list, action); };
          document.documentElement.className = "js";
          var runs = {};
          each(document.querySelectorAll("article.point"), function (run) { runs[run.getAttribute("data-key")] = run; });
          var chosen = {};
          function keyOf(side) {
            var parts = [];
            each(document.querySelectorAll("#side-" + side + " [data-axis]"), function (control) {
              parts.push(control.value);
              if (control.type === "range") {
                var label = JSON.parse(control.getAttribute("data-labels"))[Number(control.value)];
                control.setAttribute("aria-valuetext", label);
                document.getElementById(control.id + "-value").textContent = label;
              }
            });
            return parts.join("-");
          }
          function markRows() {
            each(document.querySelectorAll("#all-runs tbody tr"), function (row) {
              var key = row.getAttribute("data-key"), marks = [];
              if (key === chosen.a) { marks.push("A"); }
              if (key === chosen.b) { marks.push("B"); }
              row.classList.toggle("chosen-a", key === chosen.a);
              row.classList.toggle("chosen-b", key === chosen.b);
              row.querySelector(".shown-as").textContent = marks.join(" ");
            });
          }
          function show(side) {
            var key = keyOf(side), run = runs[key], target = document.querySelector("#side-" + side + " .shown");
            if (!run) { return; }
            chosen[side] = key;
            target.innerHTML = "";
            each(run.children, function (child) { if (child.tagName !== "H3") { target.appendChild(child.cloneNode(true)); } });
            document.getElementById("status-" + side).textContent = run.querySelector("h3").textContent;
            each(run.querySelectorAll("[data-figure]"), function (cell) {
              document.getElementById("compare-" + side + "-" + cell.getAttribute("data-figure")).textContent = cell.textContent;
            });
            markRows();
          }
          ["a", "b"].forEach(function (side) {
            each(document.querySelectorAll("#side-" + side + " [data-axis]"), function (control) {
              control.addEventListener("input", function () { show(side); });
              control.addEventListener("change", function () { show(side); });
            });
            show(side);
          });
        })();
        """
}
