import fs from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import { type Attachment, CardFactory } from 'botbuilder';
import { projectRoot } from '../project-root';
import type { CardData, CardName } from './card-data';

export type { CardData, CardName } from './card-data';

const templates = new Map<CardName, Template>();

function template(name: CardName): Template {
  let found = templates.get(name);
  if (!found) {
    const json = JSON.parse(
      fs.readFileSync(path.join(projectRoot, 'cards', `${name}.json`), 'utf8'),
    );
    found = new Template(json);
    templates.set(name, found);
  }
  return found;
}

/**
 * Binds a card template in cards/ to its data; the templates hold layout, never strings. The
 * data is typed per template because a binding the data lacks is not an error to the templating
 * library: it ships the literal `${...}` to the user.
 */
export function renderCard<N extends CardName>(
  name: N,
  data: CardData[N],
): Record<string, unknown> {
  return template(name).expand({ $root: data });
}

export const cardAttachment = <N extends CardName>(name: N, data: CardData[N]): Attachment =>
  CardFactory.adaptiveCard(renderCard(name, data));
