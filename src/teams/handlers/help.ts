import type { TurnContext } from 'botbuilder';
import { cardAttachment } from '../card-renderer';
import type { Caller } from '../turn-context';
import { exampleQuestions } from './ask';

/** The commands the help card lists, with the word a user types in each language. */
const COMMANDS = [
  { key: 'help', nb: 'hjelp', en: 'help' },
  { key: 'new', nb: 'ny', en: 'new' },
  { key: 'newPathway', nb: 'ny pakkeforløp', en: 'new pathway' },
  { key: 'case', nb: 'sak ‹kode›', en: 'case ‹code›' },
  { key: 'overdue', nb: 'forfalte [sone]', en: 'overdue [zone]' },
  { key: 'week', nb: 'uke [sone]', en: 'week [zone]' },
  { key: 'link', nb: 'koble sone ‹sone›', en: 'link zone ‹zone›' },
  { key: 'me', nb: 'meg', en: 'me' },
  { key: 'directory', nb: 'ressurssykepleiere [sone]', en: 'resource nurses [zone]' },
  { key: 'staff', nb: 'ansatte [sone]', en: 'staff [zone]' },
  { key: 'zones', nb: 'soner', en: 'zones' },
  { key: 'stepDown', nb: 'fratre', en: 'step down' },
  { key: 'competence', nb: 'kompetanse [sone]', en: 'competence [zone]' },
  { key: 'network', nb: 'nettverk', en: 'network' },
  { key: 'linkNetwork', nb: 'koble nettverk', en: 'link network' },
] as const;

export const HELP_PATTERN = /^\s*(hjelp|help|\?)\s*$/i;

export async function sendHelp(context: TurnContext, { t, locale }: Caller): Promise<void> {
  const card = cardAttachment('help', {
    title: t('help.title'),
    intro: t('help.intro'),
    commands: COMMANDS.map((c) => ({ name: c[locale], description: t(`help.commands.${c.key}`) })),
    privacy: t('help.privacy'),
    examplesTitle: t('knowledge.examples.title'),
    examples: exampleQuestions({ t, locale }).map((text) => ({ text: `«${text}»` })),
  });
  await context.sendActivity({ attachments: [card] });
}
