/**
 * Setting up a municipality in Microsoft's local Teams emulator (Agents Playground), driven in
 * headless Chromium from an empty store: the admin adds a zone from `soner`, links the team
 * channel with `koble sone`, appoints a resource nurse from `ansatte`, and anybody finds her in
 * the directory (`ressurssykepleiere`, or the question in words). Runs with `npm run test:e2e`.
 *
 * The emulator has no people picker (its typeahead is not supported), so the nurse's Entra
 * object id goes through the card's fallback text input, with her name typed, as the README
 * says. Screenshots go to test-artifacts/e2e/onboarding-*.png; the directory card also to
 * docs/playground-directory.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import nbCases from '../../locales/nb.cases.json';
import nbStaff from '../../locales/nb.staff.json';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { REPO_ROOT } from './support/playground';
import { artifact, fill, playgroundSession } from './support/playground-session';

/**
 * The emulator's current user (.m365agentsplayground.yml). Her aadObjectId is not a GUID, so
 * BOOTSTRAP_ADMINS (which takes Entra object ids only) cannot name her: the store is given its
 * first admin directly, as the bootstrap would have stored her.
 */
const ALEX = { id: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' };
const ZONE = { id: 'vest', name: 'Sone Vest' };
const NURSE = {
  id: '6b1c2d3e-0000-4000-8000-0000000000e2',
  name: 'Nora Ny',
  email: 'nora.ny@kommune.no',
};

describe('setting up a municipality in the Teams emulator (Agents Playground)', () => {
  const session = playgroundSession({
    prefix: 'onboarding-',
    env: { DEMO_DATA: 'false' },
    viewportHeight: 1000,
    async prepare(sqliteFile) {
      const store = openSqliteStore(sqliteFile);
      // The emulator sends en-US as everybody's locale; the roster sets Bokmål, as the demo does.
      await store.roster.put({ ...ALEX, roles: ['admin'], zoneIds: [], locale: 'nb' });
      await store.close();
    },
  });
  const { step, openChat, send, screenshot, composer, events } = session;
  /** The newest card that shows all the texts. */
  const card = session.newestCard;

  beforeAll(() => session.start(), 120_000);
  afterAll(() => session.stop(), 30_000);

  it('the admin adds the first zone from `soner`', () =>
    step('add zone', async () => {
      await openChat('Personal Chat');
      await send('soner');
      const zones = card(nbStaff.zonesCard.emptyAdmin);
      await zones.waitFor();
      await zones.getByRole('button', { name: nbStaff.zonesCard.add }).click();
      await zones.getByRole('textbox', { name: nbStaff.zonesCard.newZoneId }).fill(ZONE.id);
      await zones.getByRole('textbox', { name: nbStaff.zonesCard.newZoneName }).fill(ZONE.name);
      await zones.getByRole('button', { name: nbStaff.zonesCard.create }).click();
      const added = card(fill(nbStaff.zones.added, { zone: ZONE.name, id: ZONE.id }));
      await added.waitFor();
      await added.getByText(`${ZONE.name} (${ZONE.id})`).first().waitFor();
      await screenshot('onboarding-01-zone-added.png', added);
    }));

  it('links the team channel with `koble sone`', () =>
    step('link channel', async () => {
      await openChat('My Team - General');
      await composer().click();
      await session.page.keyboard.type('@');
      await session.page.getByRole('menuitem').filter({ hasText: 'HSYRE-boten' }).click();
      await session.page.keyboard.type(` koble sone ${ZONE.id}`);
      await session.page.keyboard.press('Enter');
      await session.page
        .getByText(fill(nbCases.messages.zoneLinked, { zone: ZONE.name }))
        .first()
        .waitFor();
    }));

  it('appoints a resource nurse from `ansatte`, her id through the fallback input', () =>
    step('appoint nurse', async () => {
      await openChat('Personal Chat');
      await send(`ansatte ${ZONE.id}`);
      const staff = card(fill(nbStaff.staffCard.titleZone, { zone: ZONE.name }));
      await staff.waitFor();
      await staff.getByRole('button', { name: nbStaff.staffCard.add }).click();
      await staff.getByRole('textbox', { name: nbStaff.staffCard.peopleIds }).fill(NURSE.id);
      await staff.getByRole('textbox', { name: nbStaff.staffCard.name }).fill(NURSE.name);
      await staff.getByRole('textbox', { name: nbStaff.labels.email }).fill(NURSE.email);
      await screenshot('onboarding-02-add-people.png', staff);
      await staff.getByRole('button', { name: nbStaff.staffCard.addButton, exact: true }).click();
      const added = card(fill(nbStaff.messages.added, { names: NURSE.name }));
      await added.waitFor();
      await added.getByText(`${NURSE.name} · ${NURSE.email}`).first().waitFor();
      await screenshot('onboarding-03-nurse-added.png', added);
    }));

  it('shows anybody the directory card, also for the question in words', () =>
    step('directory', async () => {
      const title = fill(nbStaff.directory.title, { zone: ZONE.name });
      await send('hvem er ressurssykepleier i sone vest?');
      const directory = card(title, NURSE.name);
      await directory.waitFor();
      await directory.getByText(nbStaff.directory.chat, { exact: true }).first().waitFor();
      // The button opens a Teams chat with her, by e-mail (what the emulator was sent).
      const sent = JSON.stringify(events.all.map((e) => e.message?.attachments ?? []));
      expect(sent).toContain(
        `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(NURSE.email)}`,
      );
      await screenshot('onboarding-04-directory.png', directory);
      // The README's picture is only rewritten on request: a test run leaves the checkout clean.
      if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
        fs.copyFileSync(
          artifact('onboarding-04-directory.png'),
          path.join(REPO_ROOT, 'docs', 'playground-directory.png'),
        );
      }
    }));
});
