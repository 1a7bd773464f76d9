// "New job from template": one runnable example per built-in template (docs/templates.md, docs/jobs.md,
// docs/fleet.md), reading the topic "points" and writing "results".
const io = { source: { kafka: { topic: 'points' } }, outputs: { kafka: { topic: 'results', internal: false } } };

export const templates = [
  {
    name: 'time-window-aggregation', what: 'hourly average of a turbine\'s power (the wind fixture)',
    job: { id: 'wind-hourly', orgId: 'o1', template: 'time-window-aggregation', settings: { window: '1h' },
      policies: [{ input: 'turbine::ActivePower', threshold: '[0,3700]', aggregation: 'avg', output: 'turbine::P_1H' }], ...io },
    chart: { asset: 'T1', input: 'turbine::ActivePower', output: 'turbine::P_1H' },
  },
  {
    name: 'energy-by-meter-reading', what: 'daily and 15-minute energy from an inverter\'s register',
    job: { id: 'meter-energy', orgId: 'o1', template: 'energy-by-meter-reading', settings: { timeZone: 'Asia/Kolkata', detailInterval: '15m' },
      policies: [{ input: 'inverter::TOTAL_YIELD', slope: '[0,2000]', dailyOutput: 'inverter::ENERGY_DAY', detailOutput: 'inverter::ENERGY_15M' }], ...io },
    chart: { asset: '1BY6WEcLGh8j5v7', input: 'inverter::TOTAL_YIELD', output: 'inverter::ENERGY_15M' },
  },
  {
    name: 'energy-by-instant-power', what: 'energy integrated from an inverter\'s AC power',
    job: { id: 'inverter-energy', orgId: 'o1', template: 'energy-by-instant-power', settings: { timeZone: 'Asia/Kolkata', detailInterval: '15m', maxGap: '1h' },
      policies: [{ input: 'inverter::AC_POWER', threshold: '[0,1500]', interpolation: 'lastValue', dailyOutput: 'inverter::ENERGY_DAY', detailOutput: 'inverter::ENERGY_15M' }], ...io },
    chart: { asset: '1BY6WEcLGh8j5v7', input: 'inverter::AC_POWER', output: 'inverter::ENERGY_15M' },
  },
  {
    name: 'multi-point-merging', what: 'an expression over points: a turbine\'s power shortfall',
    job: { id: 'wind-loss', orgId: 'o1', template: 'multi-point-merging', settings: { trigger: 'point' },
      policies: [{ output: 'turbine::LOSS', expression: '${turbine::TheoreticalPower} - ${turbine::ActivePower}' }], ...io },
    chart: { asset: 'T1', input: 'turbine::ActivePower', output: 'turbine::LOSS' },
  },
  {
    name: 'asset-group-aggregation', what: 'a plant\'s 15-minute power summed over its inverters',
    job: { id: 'plant-power', orgId: 'o1', template: 'asset-group-aggregation', settings: { groupBy: 'parent', window: '15m', groupModel: 'plant' },
      policies: [{ input: 'inverter::AC_POWER', threshold: '[0,2000]', memberAggregation: 'avg', groupAggregation: 'sum', output: 'plant::AC_POWER_15M' }], ...io },
    chart: { asset: 'PLANT1', input: 'inverter::AC_POWER', output: 'plant::AC_POWER_15M' },
  },
];

/** The chart defaults of a job: its template's, else the first policy's input and output. */
export function chartDefaults(job) {
  const t = templates.find((x) => x.name === job?.template);
  if (t) return t.chart;
  const p = job?.policies?.[0] ?? job?.pipeline?.find((s) => s.policies)?.policies?.[0] ?? {};
  return { asset: '', input: p.input ?? '', output: p.output ?? p.detailOutput ?? '' };
}
