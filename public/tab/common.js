/*
 * What the tab's pages share: the sign-in through Teams, the texts, the API calls and number
 * formats. Plain browser JavaScript without a build step; it runs inside Teams' frame.
 */
'use strict';

window.HSYRE = (() => {
  /** How long Teams gets to answer: outside Teams, initialize() never settles. */
  const TEAMS_TIMEOUT_MS = 5000;

  const withTimeout = (promise, ms) =>
    Promise.race([
      promise,
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms)),
    ]);

  /** Norwegian in any written form and anything unknown is Bokmål; English is English. */
  const pickLocale = (tag) => (String(tag || '').toLowerCase().startsWith('en') ? 'en' : 'nb');

  /**
   * Where the page runs: inside Teams, a token from Teams SSO and the client's language, theme
   * and sub-page; outside, `{ outside: true }`. A test page defines `window.hsyreGetToken`
   * (headless Chromium is no Teams client), and that is then the only way in.
   */
  async function connect() {
    const params = new URLSearchParams(window.location.search);
    if (typeof window.hsyreGetToken === 'function') {
      return {
        token: await window.hsyreGetToken(),
        locale: params.get('locale') || navigator.language,
        theme: params.get('theme') || 'default',
        subPageId: params.get('subPageId') || '',
        channelId: params.get('channelId') || '',
      };
    }
    const teams = window.microsoftTeams;
    if (!teams) return { outside: true };
    let context;
    try {
      await withTimeout(teams.app.initialize(), TEAMS_TIMEOUT_MS);
      context = await withTimeout(teams.app.getContext(), TEAMS_TIMEOUT_MS);
    } catch {
      return { outside: true };
    }
    const host = {
      locale: context.app?.locale || navigator.language,
      theme: context.app?.theme || 'default',
      subPageId: context.page?.subPageId || '',
      channelId: context.channel?.id || '',
      teams,
    };
    try {
      host.token = await teams.authentication.getAuthToken();
    } catch {
      host.tokenFailed = true;
    }
    teams.app.notifySuccess?.();
    return host;
  }

  async function loadStrings(locale) {
    const res = await fetch(`/api/reports/strings?locale=${encodeURIComponent(locale)}`);
    if (!res.ok) throw new Error(`strings: ${res.status}`);
    return (await res.json()).strings;
  }

  /** A string by its dotted path, with `{{name}}` filled in; the path itself when missing. */
  function translate(strings, path, values = {}) {
    const found = path.split('.').reduce((node, part) => (node ? node[part] : undefined), strings);
    if (typeof found !== 'string') return path;
    return found.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name) =>
      values[name] === undefined ? '' : String(values[name]),
    );
  }

  /** A GET of the bot's API with the Teams token; the answer's status and JSON (or text). */
  async function api(path, token) {
    const res = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
    const type = res.headers.get('content-type') || '';
    const body = type.includes('json') ? await res.json().catch(() => ({})) : await res.text();
    return { status: res.status, body, headers: res.headers };
  }

  /** The message for a refused API call, in the reader's language. */
  function refusalText(strings, answer) {
    const t = (path, values) => translate(strings, `page.${path}`, values);
    if (answer.status === 503 && answer.body?.error === 'tab_sso_not_configured') {
      return t('notConfigured', { missing: (answer.body.missing || []).join(', ') });
    }
    if (answer.status === 401) return t('unauthorized', { reason: answer.body?.reason || '' });
    if (answer.status === 403) {
      return answer.body?.error === 'zone_not_allowed' ? t('zoneNotAllowed') : t('forbidden');
    }
    return t('failed');
  }

  const intlLocale = (locale) => (locale === 'en' ? 'en-GB' : 'nb-NO');

  function formats(locale) {
    const l = intlLocale(locale);
    const percent = new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 0 });
    const decimal = new Intl.NumberFormat(l, { maximumFractionDigits: 1 });
    const integer = new Intl.NumberFormat(l, { maximumFractionDigits: 0 });
    const month = new Intl.DateTimeFormat(l, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    const shortMonth = new Intl.DateTimeFormat(l, {
      month: 'short',
      year: '2-digit',
      timeZone: 'UTC',
    });
    const dateTime = new Intl.DateTimeFormat(l, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/Oslo',
    });
    const monthDate = (m) => new Date(`${m}-01T12:00:00Z`);
    return {
      percent: (share) => percent.format(share),
      decimal: (n) => decimal.format(n),
      integer: (n) => integer.format(n),
      month: (m) => month.format(monthDate(m)),
      shortMonth: (m) => shortMonth.format(monthDate(m)),
      dateTime: (iso) => dateTime.format(new Date(iso)),
    };
  }

  /** Teams' theme names to ours; the page's colours follow the client. */
  function applyTheme(theme) {
    document.documentElement.dataset.theme =
      theme === 'dark' || theme === 'contrast' ? theme : 'default';
  }

  /** Replaces the page's content with a notice (outside Teams, refused, failed). */
  function notice(element, title, text) {
    element.replaceChildren();
    const h = document.createElement('h2');
    h.textContent = title;
    element.append(h);
    if (text) {
      const p = document.createElement('p');
      p.textContent = text;
      element.append(p);
    }
    element.hidden = false;
  }

  /** A DOM element; text goes in as text, never as HTML. */
  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'dataset') Object.assign(node.dataset, value);
      else if (key === 'text') node.textContent = value;
      else if (key === 'className') node.className = value;
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    node.append(...children);
    return node;
  };

  return {
    applyTheme,
    api,
    connect,
    el,
    formats,
    loadStrings,
    notice,
    pickLocale,
    refusalText,
    translate,
  };
})();
