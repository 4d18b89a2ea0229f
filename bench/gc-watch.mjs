// Preloaded into the benchmarked server (`node --import bench/gc-watch.mjs`, bench:http): appends
// the wall-clock start and the pause of every full (mark-compact) garbage collection to the file
// named by KEYWARD_BENCH_GC_LOG, so that the benchmark can tell a route's own tail latency from
// V8's collections of the whole server process, which hold up every route alike.
import fs from "node:fs";
import { PerformanceObserver, constants, performance } from "node:perf_hooks";

const file = process.env.KEYWARD_BENCH_GC_LOG;
if (file) {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.detail?.kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
      fs.appendFileSync(file, `${(performance.timeOrigin + entry.startTime).toFixed(1)} ${entry.duration.toFixed(1)}\n`);
    }
  }).observe({ entryTypes: ["gc"] });
}
