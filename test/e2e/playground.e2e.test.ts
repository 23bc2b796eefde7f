/**
 * End to end in Microsoft's local Teams emulator (Agents Playground, from npm), driven in
 * headless Chromium: what a user of the bot sees in Teams, from the help card to a nurse
 * claiming a new patient's card in the zone's channel. Runs with `npm run test:e2e`, not in
 * `npm test`. Screenshots go to test-artifacts/e2e/, with the bot's and the emulator's logs.
 *
 * Next to the UI, the emulator's own WebSocket events show the protocol behind it: that the
 * channel card was posted as a new channel thread (createConversation) and changed in place
 * for everybody (updateActivity on the same message), not only for the one who clicked.
 */
import { DateTime } from 'luxon';
import nbCases from '../../locales/nb.cases.json';
import nb from '../../locales/nb.json';
import nbPathways from '../../locales/nb.pathways.json';
import { fill, playgroundSession } from './support/playground-session';

/** The emulator's current user; in the demo roster FVE, nurse, leader and admin in sentrum. */
const ME = 'Alex Wilber';
/** Another configured user of the emulator: Megan Bowen, a nurse in sentrum. */
const OTHER_NURSE_ID = 'user-id-1';
const ZONE = { id: 'sentrum', name: 'Sone Sentrum' };
const PATIENT_REF = 'DIPS-12345';

/** A value at a path in parsed JSON, without trusting its shape. */
function at(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

describe('HSYRE-boten in the Teams emulator (Agents Playground)', () => {
  const session = playgroundSession({
    prefix: '',
    // The demo roster's ids are the emulator's users.
    env: { DEMO_DATA: 'true' },
    viewportHeight: 900,
  });
  const { step, card, openChat, send, screenshot, composer, events } = session;

  /** The case registered from the form, and where its channel card is. */
  const registered = { code: '', activityId: '', claimData: {} as Record<string, unknown> };
  /** The help card's text as shown, one entry per paragraph. */
  let helpLines: string[] = [];

  beforeAll(() => session.start(), 90_000);
  afterAll(() => session.stop(), 30_000);

  it('links the team channel to the zone when a leader @mentions the bot there', () =>
    step('link channel', async () => {
      await openChat('My Team - General');
      await composer().click();
      // A channel delivers only messages that mention the bot: pick it from the @ menu.
      await session.page.keyboard.type('@');
      await session.page.getByRole('menuitem').filter({ hasText: 'HSYRE-boten' }).click();
      await session.page.keyboard.type(` koble sone ${ZONE.id}`);
      await session.page.keyboard.press('Enter');
      await session.page
        .getByText(fill(nbCases.messages.zoneLinked, { zone: ZONE.name }))
        .first()
        .waitFor();
    }));

  it('explains in the personal chat that a zone is linked from its channel', () =>
    step('link from personal chat', async () => {
      await openChat('Personal Chat');
      await send(`koble sone ${ZONE.id}`);
      await session.page.getByText(nbCases.messages.linkInChannel).first().waitFor();
    }));

  it('answers "hjelp" in the personal chat with the help card', () =>
    step('help', async () => {
      await openChat('Personal Chat');
      await send('hjelp');
      const help = card(nb.help.intro);
      await help.waitFor();
      helpLines = (await help.locator('p').allTextContents()).map((line) => line.trim());
      expect(helpLines).toEqual(
        expect.arrayContaining(['hjelp', 'ny', 'meg', nb.help.title, nb.help.commands.new]),
      );
      await screenshot('01-help.png', help);
    }));

  it('registers a referral from the form, and the card is posted in the zone channel', () =>
    step('referral form', async () => {
      await send('ny');
      // (hasText ignores case, and the help card mentions both the title and the reference.)
      const form = session.page
        .locator('.ac-adaptiveCard')
        .filter({ has: session.page.getByRole('textbox', { name: nbCases.form.patientRef }) })
        .last();
      await form.waitFor();
      await form.getByRole('combobox', { name: nbCases.form.zone }).click();
      await session.page.getByRole('option', { name: ZONE.name }).click();
      await form.getByRole('checkbox', { name: nbCases.form.seriouslyIll }).check();
      // Date and time of the hospital's contact default to now (Oslo); they are kept.
      await form.getByLabel(nbCases.form.patientRef).fill(PATIENT_REF);
      await form.getByLabel(nbCases.form.note).fill('Utskrives fredag');
      await screenshot('02-referral-form.png', form);

      const before = events.all.length;
      await form.getByRole('button', { name: nbCases.form.submit }).click();
      const posted = fill(nbCases.messages.posted, { zone: ZONE.name });
      const answer = card(posted);
      await answer.waitFor();
      const title = await answer.getByText('HSYRE ny pas. · ').first().textContent();
      await screenshot('02b-referral-registered.png', answer.getByText('HSYRE ny pas. · ').first());
      registered.code = /HSYRE ny pas\. · ([A-Z0-9]+)/.exec(title ?? '')?.[1] ?? '';
      expect(registered.code).toMatch(/^[A-Z0-9]{4,8}$/);

      // What the form sent: every input, as Teams sends them (strings).
      const submit = await events.waitFor(
        'the form invoke',
        (e) =>
          e.log?.activityName === 'invoke' &&
          at(e.log.request?.body, 'value', 'action', 'verb') === 'referral.submit',
        { from: before },
      );
      const data = at(submit.log?.request?.body, 'value', 'action', 'data');
      expect(data).toMatchObject({
        zoneId: ZONE.id,
        seriouslyIll: 'true',
        patientRef: PATIENT_REF,
        registerHsyre: 'true',
        hospitalContactDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        hospitalContactTime: expect.stringMatching(/^\d{2}:\d{2}$/),
      });

      // The channel card is a new post in General, created through the Connector's
      // createConversation (isGroup, channelData.channel.id), which answers with its id.
      const created = await events.waitFor(
        'createConversation into the channel',
        (e) => e.log?.activityName === 'createConversation',
        { from: before },
      );
      expect(created.log?.response?.statusCode).toBe(201);
      expect(created.log?.request?.body).toMatchObject({
        isGroup: true,
        channelData: { channel: { id: 'team-id' } },
      });
      registered.activityId = String(at(created.log?.response?.body, 'activityId') ?? '');
      expect(registered.activityId).not.toBe('');
      const actions = at(created.log?.request?.body, 'activity', 'attachments', '0', 'content');
      const claim = (at(actions, 'actions') as { verb?: string; data?: unknown }[]).find(
        (a) => a.verb === 'case.claim',
      );
      registered.claimData = claim?.data as Record<string, unknown>;
      expect(registered.claimData).toMatchObject({ caseId: expect.any(String) });
    }));

  it('shows the "HSYRE ny pas." card in the zone channel, without the patient reference', () =>
    step('new patient card', async () => {
      await openChat('My Team - General');
      const posted = card(`HSYRE ny pas. · ${registered.code}`);
      await posted.waitFor();
      await posted.getByText(`${nbCases.card.status}: ${nb.states.awaiting_claim}`).waitFor();
      await posted.getByText(nbCases.card.nobody).waitFor();
      await posted.getByRole('button', { name: 'Jeg tar den' }).waitFor();
      // The channel is seen by the whole zone: the record reference stays in personal chats.
      expect(await posted.textContent()).not.toContain(PATIENT_REF);
      await screenshot('03-new-patient-card.png', posted);
    }));

  it('changes the card in place to claimed when a nurse presses "Jeg tar den"', () =>
    step('claim', async () => {
      const before = events.all.length;
      await card(`HSYRE ny pas. · ${registered.code}`)
        .getByRole('button', { name: 'Jeg tar den' })
        .click();
      const claimed = card(
        `HSYRE ny pas. · ${registered.code}`,
        `${nbCases.card.status}: ${nb.states.claimed}`,
      );
      await claimed.waitFor();
      await claimed.getByText(ME, { exact: true }).waitFor();
      await claimed.getByRole('button', { name: nbCases.actions.reached }).waitFor();
      expect(await claimed.getByRole('button', { name: 'Jeg tar den' }).count()).toBe(0);

      // Everybody's copy, not only the clicker's: the bot updated the channel message itself.
      const updated = await events.waitFor(
        'updateActivity of the channel card',
        (e) => e.action === 'updateMessage' && e.message?.messageId === registered.activityId,
        { from: before },
      );
      const updatedCard = JSON.stringify(updated.message?.attachments);
      expect(updatedCard).toContain(`${nbCases.card.status}: ${nb.states.claimed}`);
      expect(updatedCard).toContain(ME);
      await screenshot('04-claimed.png', claimed);
    }));

  it('tells a second nurse who presses an old copy of the card that it is taken (protocol level)', () =>
    step('second nurse', async () => {
      // The emulator's UI is one user; its own invoke API acts as another configured user.
      const before = events.all.length;
      const conversationId = `team-id;messageid=${registered.activityId}`;
      const response = await fetch(`${session.playgroundUrl}/_conversation/v1/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'adaptiveCard/action',
          value: {
            action: {
              type: 'Action.Execute',
              title: 'Jeg tar den',
              verb: 'case.claim',
              data: registered.claimData,
            },
          },
          from: { id: OTHER_NURSE_ID },
          conversation: { id: conversationId },
          replyToId: registered.activityId,
        }),
      });
      expect(response.status).toBe(200);
      const answer = JSON.stringify(await response.json());
      expect(answer).toContain(fill(nb.errors.already_claimed, { claimedBy: ME }));
      // Refused: nothing changed, so the channel card is not updated again.
      await session.page.waitForTimeout(500);
      expect(
        events.all
          .slice(before)
          .filter(
            (e) => e.action === 'updateMessage' && e.message?.messageId === registered.activityId,
          ),
      ).toHaveLength(0);
    }));

  /** The pathway registered from its form. */
  const pathway = { code: '', patientRef: 'DIPS-67890' };

  it('registers a Pakkeforløp hjem pathway from its form in the personal chat', () =>
    step('pathway form', async () => {
      await openChat('Personal Chat');
      await send('ny pakkeforløp');
      const form = session.page
        .locator('.ac-adaptiveCard')
        .filter({ has: session.page.getByRole('textbox', { name: nbPathways.form.patientRef }) })
        .last();
      await form.waitFor();
      await form.getByRole('combobox', { name: nbPathways.form.zone }).click();
      await session.page.getByRole('option', { name: ZONE.name }).click();
      await form.getByLabel(nbPathways.form.patientRef).fill(pathway.patientRef);
      // Diagnosed some 100 days ago: point 2's window is near, so its card is due at once.
      const diagnosed = DateTime.now().setZone('Europe/Oslo').minus({ days: 100 }).toISODate();
      await form.getByLabel(nbPathways.form.diagnosisDate).fill(diagnosed ?? '');
      // Already has services: the zone's resource nurse (the emulator's user) holds point 2.
      await form.getByRole('checkbox', { name: nbPathways.form.hasServices }).check();
      await form.getByRole('button', { name: nbPathways.form.submit }).click();
      const answer = card('Pakkeforløp hjem · ');
      await answer.waitFor();
      const title = await answer.getByText('Pakkeforløp hjem · ').first().textContent();
      pathway.code = /Pakkeforløp hjem · ([A-Z0-9]+)/.exec(title ?? '')?.[1] ?? '';
      expect(pathway.code).toMatch(/^[A-Z0-9]{5}$/);
      await answer
        .getByText(`Pakkeforløp ${pathway.code} er registrert`, { exact: false })
        .waitFor();
    }));

  it('posts the pathway card "samtale 2" in the zone channel, without the record reference, and updates it in place on a claim', () =>
    step('pathway card', async () => {
      await openChat('My Team - General');
      const title = fill(nbPathways.card.title, { point: '2', code: pathway.code });
      const posted = card(title);
      await posted.waitFor();
      await posted.getByText(nbPathways.card.nobody).waitFor();
      expect(await posted.textContent()).not.toContain(pathway.patientRef);
      await screenshot('05-pathway-card.png', posted);
      const before = events.all.length;
      await posted.getByRole('button', { name: nbPathways.actions.claimPoint }).click();
      const claimed = card(title, `${nbPathways.card.status}: ${nbPathways.pointStates.claimed}`);
      await claimed.waitFor();
      await claimed.getByText(ME, { exact: true }).waitFor();
      await claimed.getByRole('button', { name: nbPathways.actions.recordInvitation }).waitFor();
      await events.waitFor(
        'updateActivity of the pathway card',
        (e) =>
          e.action === 'updateMessage' &&
          JSON.stringify(e.message?.attachments ?? '').includes(title),
        { from: before },
      );
      await screenshot('06-pathway-claimed.png', claimed);
    }));

  // Not gated by the flow above: a wrong help card should not hide whether the flow works.
  it('shows every command of the help card with its argument', () => {
    expect(helpLines).not.toHaveLength(0);
    // "sak <kode>" and "koble sone <sone>" must not lose their argument on the way to the screen.
    expect(helpLines).toContainEqual(expect.stringMatching(/^sak \S+/));
    expect(helpLines).toContainEqual(expect.stringMatching(/^koble sone \S+/));
    expect(helpLines).toContainEqual(expect.stringMatching(/^forfalte \S+/));
  });
});
