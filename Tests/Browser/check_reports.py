#!/usr/bin/env python3
"""Open UrbanCast's HTML reports in headless Chromium and check them as a reader would see them.

For each report: the page loads with no console error, no exception and no request leaving the
file (everything but file:, data: and about: URLs counts as leaving); every chart's SVG has a
non-empty bounding box; no two text labels of a chart overlap and none runs outside its chart;
printing to PDF succeeds, every chart fits on one printed page, and the PDF has one page per
chart besides the pages its text needs (measured by printing it again without the charts). A
full-page PNG screenshot of each report goes to --screenshots (keep that folder out of git).

Talks to Chromium over the DevTools protocol (--remote-debugging-port) with websocket-client.

    python3 Tests/Browser/check_reports.py --screenshots .build/browser-test/screenshots REPORT.html ...
"""

import argparse
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket  # websocket-client

# Labels may touch: anti-aliasing and font hinting make boxes of adjacent labels share a pixel.
OVERLAP_TOLERANCE = 1.0
# Charts per report saved as their own PNG besides the full page.
CHART_SHOTS = 4

MEASURE = r"""
(() => {
  const out = [];
  const area = (r) => r.width > 0 && r.height > 0;
  document.querySelectorAll('svg.chart').forEach((svg) => {
    const box = svg.getBoundingClientRect();
    const labels = Array.from(svg.querySelectorAll('text')).map((t) => {
      const r = t.getBoundingClientRect();
      return {text: t.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom};
    });
    out.push({id: svg.id, box: {left: box.left, top: box.top, right: box.right, bottom: box.bottom,
                                width: box.width, height: box.height, pageTop: box.top + window.scrollY},
              labels: labels, hasTitle: !!svg.querySelector(':scope > title'),
              hasDesc: !!svg.querySelector(':scope > desc')});
  });
  return JSON.stringify(out);
})()
"""


# Chromium's default print page: US Letter (8.5 x 11 in) with 0.4 in margins, at 96 px per inch.
PRINT_WIDTH = round((8.5 - 0.8) * 96)
PRINT_HEIGHT = round((11 - 0.8) * 96)

FIGURE_HEIGHTS = r"""
JSON.stringify(Array.from(document.querySelectorAll('figure.chart')).map(
  (f) => [f.id || '(figure)', f.getBoundingClientRect().height]))
"""

HIDE_CHARTS_IN_PRINT = r"""
(() => {
  const style = document.createElement('style');
  style.textContent = '@media print { figure.chart { display: none !important; } }';
  document.head.appendChild(style);
})()
"""


class Browser:
    def __init__(self, executable):
        self.profile = tempfile.mkdtemp(prefix="urbancast-chromium-")
        args = [executable, "--headless=new", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--hide-scrollbars", "--remote-debugging-port=0",
                "--user-data-dir=" + self.profile, "about:blank"]
        if os.geteuid() == 0:
            args.insert(1, "--no-sandbox")
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.time() + 30
        while not os.path.exists(port_file) or os.path.getsize(port_file) == 0:
            if time.time() > deadline or self.process.poll() is not None:
                raise RuntimeError("Chromium did not start (no DevToolsActivePort)")
            time.sleep(0.1)
        port = open(port_file).read().split()[0]
        request = urllib.request.Request(f"http://127.0.0.1:{port}/json/new?about:blank", method="PUT")
        target = json.load(urllib.request.urlopen(request))
        self.socket = websocket.create_connection(target["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def send(self, method, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, event, timeout=60):
        deadline = time.time() + timeout
        for k, message in enumerate(self.events):
            if message.get("method") == event:
                del self.events[k]
                return message
        while time.time() < deadline:
            message = json.loads(self.socket.recv())
            if message.get("method") == event:
                return message
            self.events.append(message)
        raise RuntimeError(f"timed out waiting for {event}")

    def close(self):
        try:
            self.socket.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            shutil.rmtree(self.profile, ignore_errors=True)


def overlaps(a, b):
    return (min(a["right"], b["right"]) - max(a["left"], b["left"]) > OVERLAP_TOLERANCE
            and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > OVERLAP_TOLERANCE)


def check(browser, path, screenshots, base):
    problems = []
    url = "file://" + os.path.abspath(path)
    browser.events.clear()
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.send(domain + ".enable")
    browser.send("Emulation.setDeviceMetricsOverride", width=1000, height=1200, deviceScaleFactor=1, mobile=False)
    started = time.time()
    browser.send("Page.navigate", url=url)
    browser.wait_for("Page.loadEventFired")
    load_seconds = time.time() - started
    measured = json.loads(browser.send("Runtime.evaluate", expression=MEASURE, returnByValue=True)["result"]["value"])
    for event in browser.events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            target = params["request"]["url"]
            if not target.startswith(("file:", "data:", "about:")):
                problems.append(f"request leaves the file: {target}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            problems.append("console error: " + " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"]))
        elif method == "Runtime.exceptionThrown":
            problems.append("exception: " + params["exceptionDetails"].get("text", ""))
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            problems.append("console error: " + params["entry"].get("text", ""))
    if not measured:
        problems.append("no chart on the page")
    for chart in measured:
        name = chart["id"]
        box = chart["box"]
        if not (box["width"] > 0 and box["height"] > 0):
            problems.append(f"{name}: empty bounding box {box}")
            continue
        if not chart["hasTitle"] or not chart["hasDesc"]:
            problems.append(f"{name}: no <title> or <desc>")
        labels = [l for l in chart["labels"] if l["right"] > l["left"]]
        for label in labels:
            if (label["left"] < box["left"] - 0.5 or label["right"] > box["right"] + 0.5
                    or label["top"] < box["top"] - 0.5 or label["bottom"] > box["bottom"] + 0.5):
                problems.append(f"{name}: label {label['text']!r} runs outside the chart")
        for i in range(len(labels)):
            for j in range(i + 1, len(labels)):
                if overlaps(labels[i], labels[j]):
                    problems.append(f"{name}: labels {labels[i]['text']!r} and {labels[j]['text']!r} overlap")
    if screenshots:
        os.makedirs(screenshots, exist_ok=True)
        shot = browser.send("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", os.path.relpath(path, base)).strip("._")
        with open(os.path.join(screenshots, name + ".png"), "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        # Each of the first few charts alone, the pictures a README or a reviewer wants.
        for chart in measured[:CHART_SHOTS]:
            b = chart["box"]
            if b["width"] <= 0 or b["height"] <= 0:
                continue
            clip = {"x": b["left"], "y": b["pageTop"], "width": b["width"], "height": b["height"], "scale": 1}
            shot = browser.send("Page.captureScreenshot", format="png", clip=clip, captureBeyondViewport=True)
            with open(os.path.join(screenshots, f"{name}--{chart['id']}.png"), "wb") as f:
                f.write(base64.b64decode(shot["data"]))
    charts = len(measured)
    pdf, pages = print_pages(browser)
    if pdf is None:
        problems.append("print to PDF gave no PDF")
    else:
        # As printed: every chart must fit on one page (each starts a page, so none is cut in two).
        browser.send("Emulation.setEmulatedMedia", media="print")
        browser.send("Emulation.setDeviceMetricsOverride", width=PRINT_WIDTH, height=PRINT_HEIGHT,
                     deviceScaleFactor=1, mobile=False)
        heights = json.loads(browser.send("Runtime.evaluate", expression=FIGURE_HEIGHTS,
                                          returnByValue=True)["result"]["value"])
        for name, height in heights:
            if height > PRINT_HEIGHT:
                problems.append(f"{name}: {height:.0f} px tall in print, more than a page ({PRINT_HEIGHT} px)")
        # The same page printed without its charts gives the pages the text needs; with the
        # charts there must be one more page per chart, plus at most one page of text that
        # follows a chart on to a further page.
        browser.send("Runtime.evaluate", expression=HIDE_CHARTS_IN_PRINT)
        _, text_pages = print_pages(browser)
        browser.send("Emulation.setEmulatedMedia", media="")
        low, high = charts + 1, charts + text_pages + 1
        if not (low <= pages <= high):
            problems.append(f"print to PDF gave {pages} pages for {charts} charts and {text_pages} pages of "
                            f"text (expected {low} to {high})")
    return problems, charts, pages, load_seconds


def print_pages(browser):
    """Prints the open page on US Letter (Chromium's default) and counts the PDF's pages."""
    pdf = base64.b64decode(browser.send("Page.printToPDF", printBackground=True, preferCSSPageSize=False)["data"])
    if not pdf.startswith(b"%PDF"):
        return None, 0
    return pdf, len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("reports", nargs="+")
    parser.add_argument("--screenshots", help="folder for the PNG screenshots")
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser") or "chromium")
    options = parser.parse_args()
    browser = Browser(options.chromium)
    failed = 0
    base = os.path.commonpath([os.path.dirname(os.path.abspath(p)) for p in options.reports])
    try:
        for path in options.reports:
            problems, charts, pages, seconds = check(browser, path, options.screenshots, base)
            size = os.path.getsize(path) / 1e6
            status = "ok" if not problems else "FAILED"
            print(f"{status}: {path}: {charts} charts, {pages} PDF pages, {size:.2f} MB, loaded in {seconds:.2f} s")
            for problem in problems:
                print("  " + problem)
            failed += bool(problems)
    finally:
        browser.close()
    print(f"{len(options.reports) - failed} of {len(options.reports)} reports passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
