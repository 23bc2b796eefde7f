/*
 * The compliance tab "Frister": is the routine's deadline met, per zone and month? The bot's
 * API gives every figure for twelve months; this page draws two charts (ECharts, SVG) and
 * writes the same numbers in tables under them, for screen readers and for print.
 */
'use strict';

(() => {
  const { el, translate, formats } = window.HSYRE;
  const $ = (id) => document.getElementById(id);

  /** Fluent's data-visualisation colours, in the order lines get them. */
  const PALETTE = ['#5b5fc7', '#0f6cbd', '#ca5010', '#0e7a0b', '#c239b3', '#038387', '#8764b8'];
  const DEFAULT_FIGURE = 'firstContactInTimeSeriouslyIll';
  const OVERDUE_FIGURE = 'overdueAtMonthEnd';

  const state = {
    locale: 'nb',
    strings: {},
    host: null,
    report: null,
    /** The channel tab's zone: fixed by its configuration. */
    fixedZone: '',
    zone: '',
    month: '',
    figure: DEFAULT_FIGURE,
    charts: [],
  };
  const t = (path, values) => translate(state.strings, `page.${path}`, values);
  const fmt = () => formats(state.locale);

  function setState(name) {
    document.body.dataset.state = name;
  }

  function status(text) {
    $('status').textContent = text;
  }

  function show(ids, visible) {
    for (const id of ids) $(id).hidden = !visible;
  }

  /* ------------------------------------------------------------------------------------------
   * Reading the report.
   * ---------------------------------------------------------------------------------------- */

  const seriesName = (s) => s.name ?? translate(state.strings, 'own');
  const figureLabel = (id) => translate(state.strings, `figures.${id}.label`);
  const stepLabel = (key) => translate(state.strings, `steps.${key}`);

  /** The series the reader chose: every zone, or the one picked. */
  function visibleSeries() {
    const { series } = state.report;
    return state.zone ? series.filter((s) => s.id === state.zone) : series;
  }

  const figure = (id) => state.report.figures.find((f) => f.id === id);
  const lastIndex = () => state.report.months.length - 1;

  function query(extra = {}) {
    const params = new URLSearchParams({ locale: state.locale, ...extra });
    if (state.month) params.set('month', state.month);
    if (state.fixedZone) params.set('zone', state.fixedZone);
    return params.toString();
  }

  async function fetchReport() {
    const answer = await window.HSYRE.api(
      `/api/reports/compliance?${query()}`,
      state.host.token,
    );
    if (answer.status !== 200) {
      setState('refused');
      status('');
      window.HSYRE.notice($('notice'), t('title'), window.HSYRE.refusalText(state.strings, answer));
      show(['controls', 'provisional', 'share-section', 'overdue-section', 'figures-section', 'definitions-section'], false);
      return false;
    }
    state.report = answer.body;
    state.month = state.report.month;
    return true;
  }

  /* ------------------------------------------------------------------------------------------
   * Cells: the same words in the tables as on the chart's tooltip.
   * ---------------------------------------------------------------------------------------- */

  function shareCell(value, target) {
    const f = fmt();
    if (!value || value.share === null) {
      const td = el('td', { text: t('noValue') });
      if (value?.pending) td.append(el('span', { className: 'pending', text: t('pending', { count: value.pending }) }));
      return td;
    }
    const td = el('td', {
      className: value.share < target ? 'below' : undefined,
      dataset: { within: String(value.within), total: String(value.total), share: String(value.share) },
      text: t('share', {
        percent: f.percent(value.share),
        within: f.integer(value.within),
        total: f.integer(value.total),
      }),
    });
    if (value.pending) td.append(el('span', { className: 'pending', text: t('pending', { count: value.pending }) }));
    return td;
  }

  function valueCell(value, target) {
    const f = fmt();
    switch (value.kind) {
      case 'share':
        return shareCell(value, target);
      case 'count':
        return el('td', { dataset: { count: String(value.count) }, text: f.integer(value.count) });
      case 'countsByKey':
        return el('td', { dataset: { count: String(value.total) }, text: f.integer(value.total) });
      case 'durations':
        return el('td', {
          dataset: { n: String(value.n) },
          text:
            value.median === null
              ? t('noValue')
              : t('hours', {
                  median: f.decimal(value.median),
                  p90: f.decimal(value.p90),
                  n: f.integer(value.n),
                }),
        });
      default:
        return el('td', { text: t('noValue') });
    }
  }

  function headerRow(first, series) {
    return el(
      'thead',
      {},
      el('tr', {}, el('th', { scope: 'col', text: first }), ...series.map((s) => el('th', { scope: 'col', text: seriesName(s) }))),
    );
  }

  /* ------------------------------------------------------------------------------------------
   * Charts.
   * ---------------------------------------------------------------------------------------- */

  function themeColors() {
    const css = getComputedStyle(document.documentElement);
    const v = (name) => css.getPropertyValue(name).trim();
    return { fg: v('--fg'), subtle: v('--fg-subtle'), stroke: v('--stroke'), danger: v('--danger') };
  }

  function chart(id) {
    const node = $(id);
    const existing = window.echarts.getInstanceByDom(node);
    if (existing) return existing;
    const instance = window.echarts.init(node, null, { renderer: 'svg' });
    state.charts.push(instance);
    return instance;
  }

  function axisStyle(colors) {
    return {
      axisLine: { lineStyle: { color: colors.stroke } },
      axisLabel: { color: colors.subtle },
      splitLine: { lineStyle: { color: colors.stroke } },
    };
  }

  function drawShareChart(series) {
    const { report } = state;
    const f = fmt();
    const colors = themeColors();
    const fig = figure(state.figure);
    const target = report.target * 100;
    const names = series.map(seriesName);
    const option = {
      color: PALETTE,
      animation: false,
      aria: {
        enabled: true,
        label: {
          description: t('shareChart.description', {
            figure: figureLabel(fig.id),
            from: f.month(report.months[0]),
            to: f.month(report.month),
            series: names.join(', '),
            target: f.percent(report.target),
          }),
        },
      },
      grid: { left: 8, right: 16, top: 24, bottom: 48, containLabel: true },
      legend: { bottom: 0, type: 'scroll', textStyle: { color: colors.fg } },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v) => (v === null || v === undefined ? t('noValue') : `${f.decimal(v)} %`),
      },
      xAxis: {
        type: 'category',
        data: report.months.map(f.shortMonth),
        ...axisStyle(colors),
      },
      yAxis: {
        type: 'value',
        min: 0,
        max: 100,
        axisLabel: { color: colors.subtle, formatter: (v) => `${v} %` },
        splitLine: { lineStyle: { color: colors.stroke } },
      },
      series: series.map((s, i) => ({
        name: seriesName(s),
        type: 'line',
        symbolSize: 7,
        connectNulls: false,
        data: fig.values[s.id].map((v) => (v.share === null ? null : Math.round(v.share * 1000) / 10)),
        ...(i === 0 && {
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: colors.danger, width: 2 },
            label: { formatter: `${t('target')} ${f.percent(report.target)}`, color: colors.danger, position: 'insideEndTop' },
            data: [{ yAxis: target }],
          },
        }),
      })),
    };
    chart('share-chart').setOption(option, true);
  }

  function drawOverdueChart(series) {
    const colors = themeColors();
    const f = fmt();
    const fig = figure(OVERDUE_FIGURE);
    const at = lastIndex();
    const keys = fig.values[series[0]?.id]?.[at]?.counts.map((c) => c.key) ?? [];
    const option = {
      color: PALETTE,
      animation: false,
      aria: {
        enabled: true,
        label: {
          description: t('overdueChart.description', {
            month: f.month(state.report.month),
            series: series.map(seriesName).join(', '),
          }),
        },
      },
      grid: { left: 8, right: 24, top: 8, bottom: 40, containLabel: true },
      legend: { bottom: 0, type: 'scroll', textStyle: { color: colors.fg } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      // Lying bars: the steps' names are long, and a phone is narrow.
      yAxis: {
        type: 'category',
        inverse: true,
        data: keys.map(stepLabel),
        axisLabel: {
          color: colors.subtle,
          interval: 0,
          // Cut, not wrapped: ECharts draws a wrapped category label over its neighbour. The
          // whole name is in the tooltip and the table.
          width: window.innerWidth < 600 ? 110 : 260,
          overflow: 'truncate',
          ellipsis: '…',
        },
        axisLine: { lineStyle: { color: colors.stroke } },
      },
      xAxis: { type: 'value', minInterval: 1, ...axisStyle(colors) },
      series: series.map((s) => ({
        name: seriesName(s),
        type: 'bar',
        barMaxWidth: 18,
        data: fig.values[s.id][at].counts.map((c) => c.count),
      })),
    };
    chart('overdue-chart').setOption(option, true);
  }

  /* ------------------------------------------------------------------------------------------
   * Tables.
   * ---------------------------------------------------------------------------------------- */

  function shareTable(series) {
    const { report } = state;
    const fig = figure(state.figure);
    const f = fmt();
    const body = el('tbody');
    report.months.forEach((month, i) => {
      body.append(
        el(
          'tr',
          { dataset: { month } },
          el('th', { scope: 'row', text: f.month(month) }),
          ...series.map((s) => {
            const td = shareCell(fig.values[s.id][i], report.target);
            td.dataset.series = s.id;
            return td;
          }),
        ),
      );
    });
    $('share-table').replaceChildren(
      el('caption', { text: figureLabel(fig.id) }),
      headerRow(t('shareChart.month'), series),
      body,
    );
  }

  function overdueTable(series) {
    const fig = figure(OVERDUE_FIGURE);
    const at = lastIndex();
    const f = fmt();
    const first = fig.values[series[0]?.id]?.[at];
    const body = el('tbody');
    for (const [k, { key }] of (first?.counts ?? []).entries()) {
      body.append(
        el(
          'tr',
          { dataset: { step: key } },
          el('th', { scope: 'row', text: stepLabel(key) }),
          ...series.map((s) => {
            const count = fig.values[s.id][at].counts[k].count;
            return el('td', { dataset: { series: s.id, count: String(count) }, text: f.integer(count) });
          }),
        ),
      );
    }
    body.append(
      el(
        'tr',
        { className: 'total', dataset: { step: 'total' } },
        el('th', { scope: 'row', text: t('overdueChart.total') }),
        ...series.map((s) => {
          const total = fig.values[s.id][at].total;
          return el('td', { dataset: { series: s.id, count: String(total) }, text: f.integer(total) });
        }),
      ),
    );
    $('overdue-table').replaceChildren(
      el('caption', { text: figureLabel(OVERDUE_FIGURE) }),
      headerRow(t('overdueChart.step'), series),
      body,
    );
  }

  function figuresTable(series) {
    const { report } = state;
    const at = lastIndex();
    const body = el('tbody');
    for (const fig of report.figures) {
      body.append(
        el(
          'tr',
          { dataset: { figure: fig.id } },
          el('th', { scope: 'row', text: figureLabel(fig.id) }),
          ...series.map((s) => {
            const td = valueCell(fig.values[s.id][at], report.target);
            td.dataset.series = s.id;
            return td;
          }),
        ),
      );
    }
    $('figures-table').replaceChildren(headerRow(t('figuresTable.figure'), series), body);
  }

  function definitions() {
    const list = $('definitions');
    list.replaceChildren();
    for (const fig of state.report.figures) {
      list.append(
        el('dt', { text: figureLabel(fig.id) }),
        el('dd', { text: translate(state.strings, `figures.${fig.id}.definition`) }),
      );
    }
  }

  /* ------------------------------------------------------------------------------------------
   * Controls.
   * ---------------------------------------------------------------------------------------- */

  function fillControls() {
    const { report } = state;
    const f = fmt();
    $('zone-label').textContent = t('zone');
    $('month-label').textContent = t('month');
    $('figure-label').textContent = t('figure');
    $('csv').textContent = t('csv');

    const zone = $('zone');
    const several = report.scope === 'zones' && report.series.length > 1;
    $('zone-field').hidden = !several;
    zone.replaceChildren(
      el('option', { value: '', text: t('allMyZones') }),
      ...report.series.map((s) => el('option', { value: s.id, text: seriesName(s) })),
    );
    zone.value = state.zone;

    // The last 24 months up to the figures' own month.
    const month = $('month');
    const latest = report.asOf.slice(0, 7) > report.month ? report.asOf.slice(0, 7) : report.month;
    const months = [];
    let [y, m] = latest.split('-').map(Number);
    for (let i = 0; i < 24; i++) {
      months.push(`${y}-${String(m).padStart(2, '0')}`);
      m -= 1;
      if (m === 0) {
        m = 12;
        y -= 1;
      }
    }
    month.replaceChildren(...months.map((v) => el('option', { value: v, text: f.month(v) })));
    month.value = report.month;

    const figureSelect = $('figure');
    const shares = report.figures.filter((x) => x.kind === 'share');
    if (!shares.some((x) => x.id === state.figure)) state.figure = shares[0]?.id ?? '';
    figureSelect.replaceChildren(...shares.map((x) => el('option', { value: x.id, text: figureLabel(x.id) })));
    figureSelect.value = state.figure;
  }

  function render() {
    const { report } = state;
    const f = fmt();
    const series = visibleSeries();
    $('title').textContent = t('title');
    document.title = `${t('title')} – HSYRE-boten`;
    document.documentElement.lang = state.locale === 'en' ? 'en' : 'nb';
    $('subtitle').textContent = report.scope === 'own' ? t('subtitleOwn') : t('subtitleZones');
    $('as-of').textContent = t('asOf', { asOf: f.dateTime(report.asOf) });
    const provisional = report.provisional[lastIndex()];
    $('provisional').hidden = !provisional;
    $('provisional').textContent = provisional ? t('provisional', { month: f.month(report.month) }) : '';

    $('share-title').textContent = t('shareChart.title');
    $('share-figure').textContent = figureLabel(state.figure);
    $('overdue-title').textContent = t('overdueChart.title', { month: f.month(report.month) });
    $('figures-title').textContent = t('figuresTable.title', { month: f.month(report.month) });
    $('definitions-title').textContent = t('definitions.title');
    $('definitions-within').textContent = t('definitions.within');
    $('definitions-summary').textContent = t('definitions.each');

    show(['controls', 'share-section', 'overdue-section', 'figures-section', 'definitions-section'], true);
    drawShareChart(series);
    shareTable(series);
    drawOverdueChart(series);
    overdueTable(series);
    figuresTable(series);
    definitions();
    status('');
    setState('ready');
  }

  async function reload() {
    setState('loading');
    status(t('loading'));
    if (await fetchReport()) {
      fillControls();
      render();
    }
  }

  async function downloadCsv() {
    const params = query(state.zone && !state.fixedZone ? { zone: state.zone } : {});
    const res = await fetch(`/api/reports/compliance.csv?${params}`, {
      headers: { Authorization: `Bearer ${state.host.token}` },
    });
    if (!res.ok) {
      status(t('failed'));
      return;
    }
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') || '')?.[1];
    const url = URL.createObjectURL(await res.blob());
    const a = el('a', { href: url, download: name || 'frister.csv' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  function wireControls() {
    $('zone').addEventListener('change', (e) => {
      state.zone = e.target.value;
      render();
    });
    $('figure').addEventListener('change', (e) => {
      state.figure = e.target.value;
      render();
    });
    $('month').addEventListener('change', (e) => {
      state.month = e.target.value;
      reload();
    });
    $('csv').addEventListener('click', () => downloadCsv());
    // On paper the definitions are not folded away.
    window.addEventListener('beforeprint', () => {
      $('definitions-details').open = true;
    });
    let pending;
    window.addEventListener('resize', () => {
      clearTimeout(pending);
      pending = setTimeout(() => {
        for (const c of state.charts) c.resize();
      }, 100);
    });
  }

  /* ------------------------------------------------------------------------------------------
   * Start: texts first (the outside-Teams message needs them), then Teams, then the figures.
   * ---------------------------------------------------------------------------------------- */

  async function main() {
    const params = new URLSearchParams(window.location.search);
    state.fixedZone = params.get('zone') || '';
    state.zone = state.fixedZone;
    state.locale = window.HSYRE.pickLocale(params.get('locale') || navigator.language);
    state.strings = await window.HSYRE.loadStrings(state.locale);
    status(t('loading'));

    state.host = await window.HSYRE.connect();
    const hostLocale = window.HSYRE.pickLocale(state.host.locale || state.locale);
    if (hostLocale !== state.locale) {
      state.locale = hostLocale;
      state.strings = await window.HSYRE.loadStrings(state.locale);
    }
    window.HSYRE.applyTheme(state.host.theme);
    state.host.teams?.app.registerOnThemeChangeHandler?.((theme) => {
      window.HSYRE.applyTheme(theme);
      if (state.report) render();
    });
    $('title').textContent = t('title');

    if (state.host.outside) {
      status('');
      window.HSYRE.notice($('notice'), t('outsideTeams'), t('outsideTeamsHelp'));
      setState('outside');
      return;
    }
    if (!state.host.token) {
      status('');
      window.HSYRE.notice($('notice'), t('title'), t('tokenFailed'));
      setState('refused');
      return;
    }
    // A link from the chat card opens the tab on a zone and month: `<zone>:<month>`.
    const [subZone, subMonth] = String(state.host.subPageId || '').split(':');
    if (subMonth && /^\d{4}-\d{2}$/.test(subMonth)) state.month = subMonth;
    if (subZone && !state.fixedZone) state.zone = subZone;

    wireControls();
    if (await fetchReport()) {
      if (state.zone && !state.report.series.some((s) => s.id === state.zone)) state.zone = '';
      fillControls();
      render();
    }
  }

  window.addEventListener('DOMContentLoaded', () => {
    main().catch((err) => {
      status('');
      window.HSYRE.notice($('notice'), t('title'), t('failed'));
      setState('error');
      console.error(err);
    });
  });
})();
