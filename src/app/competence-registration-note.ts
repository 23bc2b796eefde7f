import type { RegistrationRefusal, RegistrationResult } from '../domain/competence/event';
import type { CompetenceEventsReply } from './competence-reply';
import { type MessageReply, message } from './reply';

type Note = NonNullable<CompetenceEventsReply['note']>;

function refusalMessage(code: RegistrationRefusal['code']): MessageReply {
  switch (code) {
    case 'forbidden':
      return message('competence.events.registration.forbidden');
    case 'withdrawn':
      return message('competence.events.registration.cancelled');
    case 'past':
      return message('competence.events.registration.past');
    case 'stale':
      return message('competence.events.registration.stale');
  }
}

/** What the events card says after a press of "Meld meg på" or "Meld meg av". */
export function registrationNote(result: RegistrationResult, register: boolean): Note {
  if (!result.ok) return { ...refusalMessage(result.refusal.code), tone: 'attention' };
  const done = register
    ? message('competence.events.registration.registered')
    : message('competence.events.registration.unregistered');
  const already = register
    ? message('competence.events.registration.alreadyRegistered')
    : message('competence.events.registration.alreadyUnregistered');
  return { ...(result.changed ? done : already), tone: 'good' };
}
