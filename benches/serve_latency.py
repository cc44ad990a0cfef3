"""Time from saving an article to the dev server's reload event.

Starts `newsprint serve` on a site, listens to its live-reload event stream
(what an open browser tab listens to), then appends a sentence to one
article again and again and measures, for each save, the time until the
server announces the rebuilt site. Prints the median, minimum and maximum.

    python3 benches/serve_latency.py SITE [NEWSPRINT] [RUNS] [--newest]

SITE is a site folder (e.g. a corpus from `cargo run --release --example gen_corpus`);
NEWSPRINT defaults to target/release/newsprint; --newest edits the newest
article (listed by every feed) instead of one from the middle. The article
is restored afterwards. Nothing here is asserted anywhere.
"""
import os
import queue
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

args = [a for a in sys.argv[1:] if not a.startswith("--")]
root = args[0]
binary = args[1] if len(args) > 1 else "target/release/newsprint"
runs = int(args[2]) if len(args) > 2 else 20
newest = "--newest" in sys.argv

proc = subprocess.Popen(
    [binary, "serve", "--port", "0", "--root", root, "--now", "2026-11-27T00:00:00Z"],
    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
url = None
for line in proc.stdout:
    if line.startswith("Serving "):
        url = "/".join(line.split()[1].split("/")[:3])
        break
threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()

events = queue.Queue()


def listen():
    with urllib.request.urlopen(url + "/__newsprint/events") as stream:
        for raw in stream:
            line = raw.decode().strip()
            if line.startswith("event: "):
                events.put((time.perf_counter(), line[7:]))


threading.Thread(target=listen, daemon=True).start()
events.get(timeout=120)  # the current state
time.sleep(3)
while not events.empty():
    events.get()

names = sorted(n for n in os.listdir(os.path.join(root, "content")) if n.endswith(".md"))
path = os.path.join(root, "content", names[-1] if newest else names[len(names) // 2])
original = open(path).read()
times = []
try:
    for i in range(runs):
        time.sleep(2.5)  # a file changed in the last two seconds is never trusted by its stamp
        start = time.perf_counter()
        with open(path, "w") as f:
            f.write(original + f"\nA sentence added in run {i}.\n")
        when, kind = events.get(timeout=60)
        if kind != "built":
            sys.exit(f"the rebuild failed: {kind}")
        times.append((when - start) * 1000)
finally:
    open(path, "w").write(original)
    proc.terminate()
print(f"save-to-reload over {runs} edits of {os.path.basename(path)}: "
      f"median {statistics.median(times):.0f} ms, min {min(times):.0f}, max {max(times):.0f}")
