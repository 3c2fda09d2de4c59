// The report's document: its style sheet and its one small script, both inline.
#include "report/report.hpp"

namespace anne {

std::string html_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string section(const std::string& heading, const std::string& content) {
    return "<section>\n<h2>" + html_escape(heading) + "</h2>\n" + content + "</section>\n";
}

namespace {

const char* style = R"css(
:root { --ink: #1f2933; --muted: #5f6b7a; --line: #dde2e8; --pos: #2b6cb0; --neg: #c53030; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f6f8; color: var(--ink);
       font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
header { background: #1f2a3a; color: #fff; padding: 22px 32px 18px; }
header h1 { margin: 0 0 4px; font-size: 24px; font-weight: 650; }
header p { margin: 0; color: #c9d3df; max-width: 980px; }
main { max-width: 1160px; margin: 0 auto; padding: 18px 24px 8px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 10px;
          padding: 14px 22px 18px; margin: 0 0 18px; }
section h2 { margin: 0 0 10px; font-size: 19px; }
h3 { margin: 16px 0 6px; font-size: 16px; }
p.note { color: var(--muted); margin: 6px 0; font-size: 14px; }
table.facts { border-collapse: collapse; font-size: 14px; }
table.facts th { text-align: left; color: var(--muted); font-weight: 500; padding: 2px 16px 2px 0;
                 vertical-align: top; white-space: nowrap; }
table.facts td { padding: 2px 0; }
table.metrics { border-collapse: collapse; font-size: 14px; margin-top: 4px; }
table.metrics th, table.metrics td { padding: 3px 12px; border-bottom: 1px solid var(--line);
                                     text-align: right; }
table.metrics th:first-child, table.metrics td:first-child { text-align: left; }
.row { display: flex; flex-wrap: wrap; gap: 18px 28px; align-items: flex-start; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; background: #fbfcfd; }
.card h3 { margin-top: 0; }
.card.best { border-color: #38a169; box-shadow: inset 0 0 0 1px #38a169; }
figure { margin: 0; max-width: 100%; }
.row > figure { flex: 0 1 auto; }
.row > div { flex: 1 1 300px; }
.row > div.card { flex: 0 1 auto; }
figure.diagram { text-align: center; }
figure.diagram figcaption { text-align: left; width: auto; }
/* A caption wraps at its figure's drawing instead of widening the figure. */
figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; width: 0; min-width: 100%; }
svg { max-width: 100%; height: auto; font-family: inherit; }
svg text { fill: var(--ink); font-size: 12px; }
svg .muted { fill: var(--muted); }
svg .axis line, svg .axis path { stroke: #9aa5b1; }
svg .grid { stroke: #edf0f3; }
svg.network .edge { fill: none; stroke-linecap: round; opacity: .8; }
svg.network .edge.pos { stroke: var(--pos); }
svg.network .edge.neg { stroke: var(--neg); }
svg.network .node { stroke-width: 2; cursor: default; }
svg.network .node.input { fill: #edf2f7; stroke: #718096; }
svg.network .node.neuron { fill: #fff; stroke: #2d3748; }
svg.network .node.dead { fill: #edf0f3; stroke: #a0aab4; stroke-dasharray: 3 2; }
svg.network .value { font-size: 10px; text-anchor: middle; dominant-baseline: central;
                     pointer-events: none; }
svg.network.focus .edge { opacity: .07; }
svg.network.focus .edge.hot { opacity: 1; }
.legend { display: inline-flex; gap: 18px; color: var(--muted); font-size: 13px; margin-top: 6px; }
.legend i { display: inline-block; width: 26px; height: 0; border-top: 3px solid; vertical-align: middle;
            margin-right: 6px; }
.tip { position: fixed; display: none; pointer-events: none; z-index: 10; max-width: 360px;
       background: #1f2a3a; color: #fff; padding: 6px 9px; border-radius: 6px; font-size: 13px;
       white-space: pre-line; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
footer { max-width: 1160px; margin: 0 auto; padding: 0 24px 24px; color: var(--muted); font-size: 13px; }
)css";

// Moves each SVG <title> into a data-tip attribute shown in a tooltip that follows the mouse
// (the native title tooltip is slow and small); highlights a neuron's edges on hover.
const char* script = R"js(
(function () {
  var tip = document.createElement('div');
  tip.className = 'tip';
  document.body.appendChild(tip);
  document.querySelectorAll('svg title').forEach(function (t) {
    t.parentNode.setAttribute('data-tip', t.textContent);
    t.parentNode.removeChild(t);
  });
  document.addEventListener('mouseover', function (e) {
    var el = e.target.closest ? e.target.closest('[data-tip]') : null;
    if (!el) { tip.style.display = 'none'; return; }
    tip.textContent = el.getAttribute('data-tip');
    tip.style.display = 'block';
  });
  document.addEventListener('mousemove', function (e) {
    tip.style.left = Math.min(e.clientX + 14, window.innerWidth - tip.offsetWidth - 8) + 'px';
    tip.style.top = (e.clientY + 16) + 'px';
  });
  document.querySelectorAll('svg.network').forEach(function (svg) {
    svg.querySelectorAll('.node').forEach(function (node) {
      var id = node.getAttribute('data-node');
      var edges = svg.querySelectorAll('[data-from="' + id + '"], [data-to="' + id + '"]');
      node.addEventListener('mouseenter', function () {
        svg.classList.add('focus');
        edges.forEach(function (e) { e.classList.add('hot'); });
      });
      node.addEventListener('mouseleave', function () {
        svg.classList.remove('focus');
        edges.forEach(function (e) { e.classList.remove('hot'); });
      });
    });
  });
})();
)js";

}  // namespace

std::string html_page(const std::string& title, const std::string& subtitle,
                      const std::string& body) {
    // The policy makes the offline promise a rule the browser enforces: nothing is fetched.
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<link rel=\"icon\" href=\"data:,\">\n<title>" +
           html_escape(title) + "</title>\n<style>" + style + "</style>\n</head>\n<body>\n" +
           "<header>\n<h1>" + html_escape(title) + "</h1>\n<p>" + html_escape(subtitle) +
           "</p>\n</header>\n<main>\n" + body +
           "</main>\n<footer>Made by anne " ANNE_VERSION
           " (AI-ANNE in C++). One self-contained file: it loads nothing from the network. "
           "Hover over the drawings to see their numbers.</footer>\n<script>" +
           script + "</script>\n</body>\n</html>\n";
}

}  // namespace anne
