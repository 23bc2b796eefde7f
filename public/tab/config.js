/*
 * The channel tab's configuration page: which zone the tab in this channel shows. The zone
 * linked to this channel (`koble sone`) is chosen already; the list is the zones the person
 * adding the tab may see.
 */
'use strict';

(() => {
  const { el, translate } = window.HSYRE;
  const $ = (id) => document.getElementById(id);

  async function main() {
    const params = new URLSearchParams(window.location.search);
    let locale = window.HSYRE.pickLocale(params.get('locale') || navigator.language);
    let strings = await window.HSYRE.loadStrings(locale);
    const t = (path, values) => translate(strings, `page.${path}`, values);

    const host = await window.HSYRE.connect();
    const hostLocale = window.HSYRE.pickLocale(host.locale || locale);
    if (hostLocale !== locale) {
      locale = hostLocale;
      strings = await window.HSYRE.loadStrings(locale);
    }
    window.HSYRE.applyTheme(host.theme);
    $('title').textContent = t('configure.title');
    $('status').textContent = '';
    if (host.outside) {
      window.HSYRE.notice($('notice'), t('outsideTeams'), t('outsideTeamsHelp'));
      document.body.dataset.state = 'outside';
      return;
    }
    if (!host.token) {
      window.HSYRE.notice($('notice'), t('configure.title'), t('tokenFailed'));
      document.body.dataset.state = 'refused';
      return;
    }
    const answer = await window.HSYRE.api('/api/reports/zones', host.token);
    if (answer.status !== 200) {
      window.HSYRE.notice($('notice'), t('configure.title'), window.HSYRE.refusalText(strings, answer));
      document.body.dataset.state = 'refused';
      return;
    }
    const zones = answer.body.zones;
    if (zones.length === 0) {
      window.HSYRE.notice($('notice'), t('configure.title'), t('configure.noZones'));
      document.body.dataset.state = 'refused';
      return;
    }

    $('intro').textContent = t('configure.intro');
    $('zones-legend').textContent = t('zone');
    const chosen = () => zones.find((z) => z.id === document.querySelector('input[name=zone]:checked')?.value);
    for (const zone of zones) {
      const input = el('input', { type: 'radio', name: 'zone', value: zone.id });
      input.checked = zone.channelId !== null && zone.channelId === host.channelId;
      $('zones').append(el('label', {}, input, el('span', { text: zone.name })));
    }
    $('zones').hidden = false;

    const pages = host.teams?.pages;
    const valid = () => pages?.config.setValidityState(chosen() !== undefined);
    $('zones').addEventListener('change', valid);
    valid();
    pages?.config.registerOnSaveHandler((save) => {
      const zone = chosen();
      if (!zone) {
        save.notifyFailure('no zone');
        return;
      }
      const url = `${window.location.origin}/tab/?zone=${encodeURIComponent(zone.id)}`;
      pages.config
        .setConfig({
          entityId: `frister-${zone.id}`,
          contentUrl: url,
          websiteUrl: url,
          suggestedDisplayName: t('configure.suggestedName', { zone: zone.name }),
        })
        .then(() => save.notifySuccess())
        .catch((err) => save.notifyFailure(String(err)));
    });
    document.body.dataset.state = 'ready';
  }

  window.addEventListener('DOMContentLoaded', () => {
    main().catch((err) => {
      document.body.dataset.state = 'error';
      console.error(err);
    });
  });
})();
