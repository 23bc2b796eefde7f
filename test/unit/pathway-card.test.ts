import type { Locale } from '../../src/domain/roster';
import { createTranslator } from '../../src/i18n/i18n';
import { parsePathwayAction } from '../../src/teams/pathway-action-data';
import { MAX_HISTORY_SHOWN, pathwayCard } from '../../src/teams/pathway-card';
import { staff } from '../support/domain-fixtures';
import { pathwaysInEveryState } from '../support/pathways';

/** Teams refuses a message above about 28 KB; the card must stay well within it. */
const TEAMS_CARD_LIMIT = 28 * 1024;

const translator = createTranslator('nb');
const names = new Map(Object.values(staff).map((m) => [m.id, m.name]));
const render = (
  p: Parameters<typeof pathwayCard>[0],
  point: 2 | 3 | null,
  variant: 'channel' | 'personal',
  locale: Locale,
  now: Date,
) =>
  pathwayCard(p, point, {
    t: translator.forLocale(locale),
    locale,
    zoneName: 'Sone Nord',
    names,
    variant,
    now,
    showHistory: variant === 'personal',
    refreshUserIds: Array.from({ length: 80 }, (_, i) => `8:orgid:${i}`),
  });

/** Every node of a card of a type (TextBlock, Input.Date, …). */
const nodesOf = (card: unknown, type: RegExp): unknown[] => {
  if (Array.isArray(card)) return card.flatMap((c) => nodesOf(c, type));
  if (typeof card !== 'object' || card === null) return [];
  const own = type.test(String((card as { type?: unknown }).type)) ? [card] : [];
  return [...own, ...Object.values(card).flatMap((v) => nodesOf(v, type))];
};

describe('the pathway card', () => {
  const cases = pathwaysInEveryState();

  it.each(['nb', 'en'] as const)(
    'stays within Teams’ size in every state, view and point (%s), even with a long history',
    (locale) => {
      for (const { pathway, now } of cases) {
        // A long-lived pathway: far more changes than a card shows.
        const last = pathway.history[pathway.history.length - 1];
        const long = {
          ...pathway,
          history: [
            ...pathway.history,
            ...Array.from({ length: 80 }, (_, i) => ({ ...last, version: last.version + i + 1 })),
          ],
        };
        for (const point of [2, 3, null] as const) {
          for (const variant of ['channel', 'personal'] as const) {
            const card = render(long, point, variant, locale, now);
            expect(JSON.stringify(card).length).toBeLessThan(TEAMS_CARD_LIMIT / 2);
            const history = nodesOf(card, /^FactSet$/).at(-1) as { facts?: unknown[] };
            if (variant === 'personal' && long.history.length > MAX_HISTORY_SHOWN) {
              expect(history.facts?.length).toBe(MAX_HISTORY_SHOWN + 1);
            }
            // Teams refreshes for at most 60 users.
            const refresh = (card as { refresh?: { userIds: string[] } }).refresh;
            if (refresh) expect(refresh.userIds).toHaveLength(60);
          }
        }
      }
    },
  );

  it('never shows the record reference, the diagnosis date or which topics were raised in the channel', () => {
    for (const { pathway, now } of cases) {
      for (const point of [2, 3, null] as const) {
        const channel = JSON.stringify(render(pathway, point, 'channel', 'nb', now));
        expect(channel).not.toContain(pathway.patientRef);
        expect(channel).not.toContain('Diagnosedato');
        expect(channel).not.toContain('5. januar 2026');
        expect(channel).not.toContain('Psykisk helse');
        expect(channel).not.toContain('K7QXR');
        expect(nodesOf(JSON.parse(channel), /^Input\./)).toEqual([]);
        const personal = JSON.stringify(render(pathway, point, 'personal', 'nb', now));
        expect(personal).toContain(pathway.patientRef);
      }
    }
  });

  it('offers buttons whose verb and data parse back into the command (with the inputs the card asks for)', () => {
    const inputs = {
      heldOn: '2026-04-16',
      nextOfKinPresent: 'true',
      askAgainOn: '2026-04-27',
      topic: 'oralHealth',
      topicStatus: 'none',
      reason: 'died',
      note: '',
    };
    let seen = 0;
    for (const { pathway, now } of cases) {
      for (const point of [2, 3, null] as const) {
        const card = render(pathway, point, 'personal', 'nb', now) as {
          actions?: { verb: string; data: Record<string, unknown> }[];
        };
        for (const action of card.actions ?? []) {
          const parsed = parsePathwayAction(action.verb, { ...action.data, ...inputs });
          expect([action.verb, parsed.kind]).toEqual([
            action.verb,
            action.verb === 'pathway.refresh' ? 'refresh' : 'command',
          ]);
          if (parsed.kind === 'command') {
            expect(parsed.pathwayId).toBe(pathway.id);
            expect(parsed.version).toBe(pathway.version);
          }
          seen += 1;
        }
      }
    }
    expect(seen).toBeGreaterThan(30);
  });

  it('refuses button data that was tampered with, and names the inputs that are missing', () => {
    expect(parsePathwayAction('pathway.claimPoint', { pathwayId: 'p', v: 1, point: 4 })).toEqual({
      kind: 'invalid',
    });
    expect(parsePathwayAction('pathway.delete', { pathwayId: 'p', v: 1, point: 2 })).toEqual({
      kind: 'invalid',
    });
    expect(parsePathwayAction('pathway.claimPoint', { v: 1, point: 2 })).toEqual({
      kind: 'invalid',
    });
    expect(
      parsePathwayAction('pathway.recordHeld', {
        pathwayId: 'p',
        v: 1,
        point: 2,
        nextOfKinPresent: 'false',
      }),
    ).toEqual({ kind: 'invalid-input', fields: ['heldOn'] });
    expect(
      parsePathwayAction('pathway.setChecklist', {
        pathwayId: 'p',
        v: 3,
        point: '2',
        copySentToGp: true,
        // Not a field of the command: ignored, never trusted.
        claimedBy: 'somebody',
      }),
    ).toEqual({
      kind: 'command',
      pathwayId: 'p',
      version: 3,
      command: { type: 'setChecklist', point: 2, copySentToGp: true },
    });
  });
});
