// The live chart: an input point and an output point of one asset, from the job's live trace tap
// (GET /jobs/{id}/trace, read with fetch streaming), drawn with uPlot.
import uPlot from 'uplot';
import { stream } from './api.js';
import { h, showError } from './dom.js';

const OUTPUT = /^(\S+) @ (\S+) = (\S+)/; // a trace output line's detail: "model::POINT @ ISO = VALUE (calMode)"

export function liveChart(jobId, defaults) {
  const asset = h('input#chart-asset', { value: defaults.asset, size: 16 });
  const input = h('input#chart-input', { value: defaults.input, size: 24 });
  const output = h('input#chart-output', { value: defaults.output, size: 24 });
  const count = h('span#chart-count', {}, '');
  const error = h('p.error#chart-error', { hidden: true });
  const plot = h('div#chart');
  const button = h('button#chart-start', { onclick: () => (abort ? stop() : start()) }, 'Watch live');
  const root = h('section.pane', {}, h('h2', {}, 'Live chart'),
    h('div.row', {}, h('label', {}, 'Asset ', asset), h('label', {}, 'Input ', input), h('label', {}, 'Output ', output), button, count),
    error, plot);
  let abort = null, chart = null, points = new Map(), inputs = 0, outputs = 0, drawn = false;

  function draw() {
    drawn = false;
    const times = [...points.keys()].sort((a, b) => a - b);
    const data = [times.map((t) => t / 1000), times.map((t) => points.get(t)[0]), times.map((t) => points.get(t)[1])];
    count.textContent = `${inputs} input point(s), ${outputs} output point(s)`;
    count.dataset.inputs = inputs;
    count.dataset.outputs = outputs;
    if (!chart) {
      chart = new uPlot({
        width: Math.max(400, plot.clientWidth || 800), height: 280, spanGaps: true,
        series: [{}, { label: input.value, stroke: '#2a6fdb', width: 1 }, { label: output.value, stroke: '#d9480f', width: 2, scale: 'out' }],
        axes: [{}, { label: input.value }, { side: 1, scale: 'out', label: output.value, grid: { show: false } }],
      }, data, plot);
    } else chart.setData(data);
  }

  function add(time, slot, value) {
    const v = Number(value);
    if (!Number.isFinite(v)) return;
    const row = points.get(time) ?? [null, null];
    if (row[slot] === null) slot === 0 ? inputs++ : outputs++;
    row[slot] = v;
    points.set(time, row);
    if (!drawn) { drawn = true; setTimeout(draw, 250); } // at most 4 redraws a second, whatever the rate
  }

  function onTrace(line) {
    if (line.kind === 'output') {
      const m = OUTPUT.exec(line.detail);
      if (m && m[1] === output.value) add(Date.parse(m[2]), 1, m[3]);
    } else if (line.point === input.value) add(line.time, 0, line.value);
  }

  async function start() {
    stop();
    chart?.destroy();
    chart = null; points = new Map(); inputs = 0; outputs = 0;
    plot.replaceChildren();
    abort = new AbortController();
    button.textContent = 'Stop watching';
    showError(error, null);
    const signal = abort.signal;
    // The tap ends after its limit or time: attach again while the page watches.
    while (!signal.aborted) {
      try {
        await stream(`/jobs/${encodeURIComponent(jobId)}/trace?asset=${encodeURIComponent(asset.value)}&limit=10000&seconds=600`,
          (name, data) => name === 'trace' && onTrace(data), signal, () => { count.dataset.live = '1'; showError(error, null); });
      } catch (e) {
        if (signal.aborted) break;
        showError(error, e);
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  }

  function stop() {
    delete count.dataset.live;
    abort?.abort();
    abort = null;
    button.textContent = 'Watch live';
  }

  return { root, stop };
}
