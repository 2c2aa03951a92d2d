// Injected into a copy of a page by tests/test_browser_layout.py: measures what a reader sees at the
// window's width and writes it into the DOM for --dump-dom to carry out.
(function () {
  const width = document.documentElement.clientWidth;
  const wide = [], small = [], swiped = [], clipped = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const element = node.parentElement;
    if (!element || element.closest("script, style, title, [hidden]")) continue;
    const style = getComputedStyle(element);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    let size = parseFloat(style.fontSize);
    const svg = element.closest("svg");
    if (svg && svg.viewBox && svg.viewBox.baseVal && svg.viewBox.baseVal.width) {
      size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    }
    const text = node.textContent.trim().slice(0, 60);
    if (svg && svg.getBoundingClientRect().width > 0) {  // a chart label cut off at the drawing's edge
      const frame = svg.getBoundingClientRect();
      if (box.right > frame.right + 1 || box.left < frame.left - 1) clipped.push(text);
    }
    // A table in a scroll box of its own (too many columns for the screen) is reached by swiping it,
    // not by scrolling the page: its text may lie beyond the edge, the page itself may not.
    let scrolled = false;
    for (let up = element; up && up !== document.body; up = up.parentElement) {
      if (["auto", "scroll"].includes(getComputedStyle(up).overflowX)) {
        scrolled = true;
        const frame = up.getBoundingClientRect();
        if (box.right > frame.right + 1 || box.left < frame.left - 1) swiped.push(text);  // out of sight until swiped
        break;
      }
    }
    if (!scrolled && (box.right > width + 1 || box.left < -1)) {
      wide.push([text, Math.round(box.left), Math.round(box.right)]);
    }
    if (size < 11) small.push([text, Math.round(size * 10) / 10]);
  }
  // A visible hint that the page holds more than the screen shows (e.g. "swipe the table sideways").
  const hint = [...document.querySelectorAll(".scroll-hint")].some(
    (e) => getComputedStyle(e).display !== "none" && e.getBoundingClientRect().height > 0);
  const out = {width: width, clipped: clipped.slice(0, 20), clippedCount: clipped.length, swiped: swiped.slice(0, 20), swipedCount: swiped.length, hint: hint, scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 20),
               small: small.slice(0, 20), wideCount: wide.length, smallCount: small.length};
  const pre = document.createElement("pre");
  pre.id = "layout-probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
