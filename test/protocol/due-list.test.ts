import type { StaffMember } from '../../src/domain/roster';
import { messageActivity, postActivity } from '../support/activities';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { fixedClock, startTestApp, type TestApp } from '../support/test-app';

const fve: StaffMember = { id: 'aad-fve', name: 'Frida FVE', roles: ['fve'], zoneIds: [] };
const leader: StaffMember = {
  id: 'aad-leader',
  name: 'Lise Leder',
  roles: ['leader'],
  zoneIds: ['nord'],
};
const nurse: StaffMember = {
  id: 'aad-nurse',
  name: 'Nina Sykepleier',
  roles: ['nurse'],
  zoneIds: ['nord'],
};

type CardItem = {
  type: string;
  text?: string;
  items?: CardItem[];
  actions?: { data: { msteams: { value: string } } }[];
};

describe("`forfalte` and `uke`: the leaders' overdue lists", () => {
  let connector: FakeConnector;
  let bot: TestApp;
  // Registered Monday 2 March 2026 at 10:00 Oslo; first contact due the same day 15:30.
  const clock = fixedClock('2026-03-02T09:00:00.000Z');
  const codes: Record<string, string> = {};

  beforeAll(async () => {
    connector = await startFakeConnector();
    bot = await startTestApp({ clock, env: { LOG_LEVEL: 'silent' } });
    await bot.store.zones.put({ id: 'nord', name: 'Sone Nord', channel: null });
    await bot.store.zones.put({ id: 'sor', name: 'Sone Sør', channel: null });
    for (const m of [fve, leader, nurse]) await bot.store.roster.put(m);
    const register = async (name: string, zoneId: string, seriouslyIll: boolean) => {
      const result = await bot.app.caseService.register(
        {
          zoneId,
          seriouslyIll,
          hospitalContactAt: '2026-03-02T08:00:00.000Z',
          patientRef: `DIPS-${name}`,
          registerHsyre: true,
        },
        fve,
      );
      if (!result.ok) throw new Error(result.error.code);
      codes[name] = result.case.code;
      return result.case;
    };
    const claimed = await register('claimed', 'nord', false);
    await bot.app.caseService.execute(claimed.id, { type: 'claim' }, nurse);
    await register('waiting', 'nord', false);
    await register('south', 'sor', false);
    const referredOnly = await bot.app.caseService.register(
      {
        zoneId: 'nord',
        seriouslyIll: false,
        hospitalContactAt: '2026-03-02T08:00:00.000Z',
        patientRef: 'DIPS-ref',
        registerHsyre: false,
      },
      fve,
    );
    if (referredOnly.ok) codes.referred = referredOnly.case.code; // FVE's 14 days: 16 March
    clock.set('2026-03-04T09:00:00.000Z'); // Wednesday 10:00 Oslo
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  const ask = async (text: string, who: StaffMember) => {
    const before = connector.calls.length;
    await postActivity(
      bot.url,
      messageActivity({
        serviceUrl: connector.serviceUrl,
        text,
        from: { id: `29:${who.id}`, aadObjectId: who.id },
      }),
    );
    return (await connector.waitForCalls(before + 1))[before].body;
  };
  const texts = (items: CardItem[]): string[] =>
    items.flatMap((i) => [...(i.text ? [i.text] : []), ...texts(i.items ?? [])]);

  it("lists a leader's overdue cases with the step, how late and who has it, and a button to open each", async () => {
    const body = await ask('forfalte', leader);
    const card = body.attachments[0].content;
    const lines = texts(card.body);
    expect(lines[0]).toBe('Forfalte saker og frister i dag');
    expect(lines[1]).toBe('Sone Nord · per onsdag 4. mars kl. 10:00');
    expect(lines).toContain(`${codes.claimed} · Sone Nord · første telefonkontakt`);
    expect(lines).toContain(
      'Forfalt for 1 d 18 t (frist mandag 2. mars kl. 15:30) · Nina Sykepleier',
    );
    expect(lines).toContain(
      'Forfalt for 1 d 18 t (frist mandag 2. mars kl. 15:30) · ingen har tatt saken',
    );
    expect(lines.join('\n')).not.toContain(codes.south);
    expect(lines.join('\n')).not.toContain(codes.referred);
    const buttons = card.body
      .filter((b: CardItem) => b.type === 'Container')
      .map((c: CardItem) => c.items?.[2].actions?.[0].data.msteams.value);
    expect(buttons.sort()).toEqual([`sak ${codes.claimed}`, `sak ${codes.waiting}`].sort());
  });

  it('gives FVE every zone, or the one named', async () => {
    const all = texts((await ask('forfalte', fve)).attachments[0].content.body);
    expect(all[1]).toMatch(/^Sone Nord, Sone Sør · per/);
    const south = texts((await ask('forfalte sor', fve)).attachments[0].content.body);
    expect(south).toContain(`${codes.south} · Sone Sør · første telefonkontakt`);
    expect(south.join('\n')).not.toContain(codes.claimed);
  });

  it("shows this week's deadlines with `uke`", async () => {
    clock.set('2026-03-13T09:00:00.000Z'); // Friday of the next week: FVE's 14 days fall on Monday 16
    const week = texts((await ask('uke', leader)).attachments[0].content.body);
    expect(week[0]).toBe('Frister denne uken');
    expect(week.join('\n')).not.toContain(codes.referred);
    clock.set('2026-03-16T07:00:00.000Z'); // Monday 16 March 08:00
    const next = texts((await ask('uke', leader)).attachments[0].content.body);
    expect(next).toContain(`${codes.referred} · Sone Nord · FVE vurderer og kontakter pasienten`);
    clock.set('2026-03-04T09:00:00.000Z');
  });

  it('refuses a nurse politely, and a leader asking for another zone', async () => {
    expect((await ask('forfalte', nurse)).text).toBe(
      'Oversikten over forfalte saker er for soneledere og Forvaltningsenheten.',
    );
    expect((await ask('forfalte sor', leader)).text).toBe('Du hører ikke til sone sor.');
    expect((await ask('forfalte vest', leader)).text).toBe('Sonen «vest» finnes ikke.');
  });

  it('sends each zone leader one daily summary on working days, and nothing when nothing is due', async () => {
    const contact = (userId: string) => ({
      userId,
      tenantId: 'tenant-1',
      serviceUrl: connector.serviceUrl,
    });
    await bot.store.zones.put({ id: 'vest', name: 'Sone Vest', channel: null });
    await bot.store.roster.put({ ...leader, contact: contact('29:lise') });
    await bot.store.roster.put({
      id: 'aad-vera',
      name: 'Vera Leder',
      roles: ['leader'],
      zoneIds: ['vest'],
      contact: contact('29:vera'),
    });
    clock.set('2026-03-07T06:45:00.000Z'); // Saturday 07:45 Oslo
    expect(await bot.app.dailySummary(clock.now())).toEqual({ sent: 0, empty: 0, failed: 0 });

    clock.set('2026-03-09T06:45:00.000Z'); // Monday 07:45 Oslo
    const before = connector.calls.length;
    expect(await bot.app.dailySummary(clock.now())).toEqual({ sent: 1, empty: 1, failed: 0 });
    // Another instance, or a restart, in the same morning: nobody gets it twice.
    expect(await bot.app.dailySummary(clock.now())).toEqual({ sent: 0, empty: 1, failed: 0 });
    const calls = connector.calls.slice(before);
    const opened = calls.filter((c) => c.kind === 'createConversation');
    expect(opened.map((c) => c.body.members?.[0]?.id)).toEqual(['29:lise']);
    const sent = calls.filter((c) => c.body?.attachments);
    expect(sent).toHaveLength(1);
    const lines = texts(sent[0].body.attachments[0].content.body);
    expect(lines[0]).toBe('God morgen! Dagens frister og forfalte saker');
    expect(lines[1]).toBe('Sone Nord · per mandag 9. mars kl. 07:45');
    expect(lines).toContain(`${codes.claimed} · Sone Nord · første telefonkontakt`);
    expect(lines.join('\n')).not.toContain(codes.south);
    clock.set('2026-03-04T09:00:00.000Z');
  });
});
