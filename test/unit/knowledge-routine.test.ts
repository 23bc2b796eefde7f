import type { Routine } from '../../src/domain/routine';
import { answerQuestion } from '../../src/knowledge/answer';
import { KNOWLEDGE_DIR, loadKnowledgeBase } from '../../src/knowledge/knowledge-base';
import {
  describeRule,
  ROUTINE_DOCUMENT_ID,
  routineKnowledge,
} from '../../src/knowledge/routine-knowledge';
import { defaultRoutine } from '../support/domain-fixtures';

const section = (routine: Routine, slug: string) => {
  const found = routineKnowledge(routine).sections.find(
    (s) => s.id === `${ROUTINE_DOCUMENT_ID}/${slug}`,
  );
  if (!found) throw new Error(`no section ${slug}`);
  return found;
};
const textOf = (routine: Routine, slug: string, locale: 'nb' | 'en') =>
  section(routine, slug)
    .passages.map((p) => p.text[locale])
    .join('\n');

describe('the routine configuration as knowledge', () => {
  it('is cited as the municipality configuration with its version, in both languages', () => {
    const doc = routineKnowledge(defaultRoutine());
    expect(doc.kind).toBe('config');
    expect(doc.title.nb).toBe('Kommunens rutinekonfigurasjon, versjon 2026.2');
    expect(doc.title.en).toBe("The municipality's routine configuration, version 2026.2");
  });

  it('has a section per deadline, plus working time and escalation', () => {
    expect(routineKnowledge(defaultRoutine()).sections.map((s) => s.id.split('/')[1])).toEqual([
      'frist-fve-vurdering',
      'frist-forste-kontakt',
      'frist-oppfolging',
      'frist-vedtak-tjenester',
      'frist-avslutning-overforing',
      'arbeidstid',
      'paminnelser-og-varsler',
    ]);
  });

  it('states the configured deadlines in Norwegian and English', () => {
    const routine = defaultRoutine();
    expect(textOf(routine, 'frist-fve-vurdering', 'nb')).toContain(
      'For alvorlig syke har Forvaltningen (FVE) frist innen 3 dager etter at sykehuset tok kontakt med FVE.',
    );
    expect(textOf(routine, 'frist-fve-vurdering', 'nb')).toContain('innen 14 dager');
    expect(textOf(routine, 'frist-fve-vurdering', 'en')).toContain(
      'within 3 days after the hospital contacted FVE',
    );
    expect(textOf(routine, 'frist-vedtak-tjenester', 'nb')).toContain(
      'For alle pasienter, også alvorlig syke, har Forvaltningen (FVE) frist innen 3 dager',
    );
    expect(textOf(routine, 'arbeidstid', 'nb')).toContain('mandag–fredag kl. 08:00–15:30');
    expect(textOf(routine, 'arbeidstid', 'en')).toContain('Monday–Friday 08:00–15:30');
    expect(textOf(routine, 'paminnelser-og-varsler', 'nb')).toContain(
      '2 timer før fristen: en påminnelse',
    );
    expect(textOf(routine, 'paminnelser-og-varsler', 'en')).toContain(
      '24 hours after the deadline: an alert to the allocation office (FVE).',
    );
  });

  it('describes "earliest of" rules as whichever comes first', () => {
    const rule = defaultRoutine().policy.deadlines.firstContact.seriouslyIll;
    expect(describeRule(rule)).toEqual({
      nb: 'samme arbeidsdag som FVE registrerte HSYRE og sendte meldingen «HSYRE ny pas.» til sonen, eller innen 3 dager etter at sykehuset tok kontakt med FVE, det som kommer først',
      en: 'on the same working day as FVE registered HSYRE and sent the message "HSYRE ny pas." to the zone, or within 3 days after the hospital contacted FVE, whichever comes first',
    });
  });

  it('lists closed days only when the municipality has some', () => {
    const routine = defaultRoutine();
    expect(textOf(routine, 'arbeidstid', 'nb')).not.toContain('stengt');
    routine.policy.workingTime.closedDates = ['2026-12-31', '2026-12-24'];
    expect(textOf(routine, 'arbeidstid', 'nb')).toContain(
      'stengt disse dagene: 2026-12-24, 2026-12-31',
    );
  });

  it('answers a deadline question from what is configured now', () => {
    const routine = defaultRoutine();
    routine.version = '2026.2';
    routine.policy.deadlines.fveAssessment.seriouslyIll = {
      kind: 'withinDays',
      from: 'hospitalContact',
      days: 2,
    };
    const kb = loadKnowledgeBase(KNOWLEDGE_DIR, routine);
    const answer = answerQuestion(kb, 'Hvor lang frist har FVE for alvorlig syke?', 'nb');
    expect(answer).toMatchObject({
      kind: 'answer',
      citation: {
        sectionId: `${ROUTINE_DOCUMENT_ID}/frist-fve-vurdering`,
        documentTitle: 'Kommunens rutinekonfigurasjon, versjon 2026.2',
        source: 'config',
      },
    });
    if (answer.kind !== 'answer') throw new Error('no answer');
    expect(answer.quote.map((q) => q.text).join(' ')).toContain('innen 2 dager');
    expect(answer.quote.map((q) => q.text).join(' ')).not.toContain('innen 3 dager');
  });
});
