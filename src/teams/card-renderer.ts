import fs from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import { type Attachment, CardFactory } from 'botbuilder';
import { projectRoot } from '../project-root';

export type CardName =
  | 'help'
  | 'case'
  | 'referral-form'
  | 'answer'
  | 'section'
  | 'no-answer'
  | 'due-list'
  | 'reminder'
  | 'access-log';

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

/** Binds a card template in cards/ to its data; the templates hold layout, never strings. */
export function renderCard(name: CardName, data: object): Record<string, unknown> {
  return template(name).expand({ $root: data });
}

export const cardAttachment = (name: CardName, data: object): Attachment =>
  CardFactory.adaptiveCard(renderCard(name, data));
