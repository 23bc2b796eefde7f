import { applyCommand, recordCardPosted } from '../../src/domain/case-commands';
import { caseIn, must, oslo, refusal, roster, staff } from '../support/domain-fixtures';

/** A card shows the version of the case it was built from. */
const cardVersion = (c: { version: number }) => c.version;
/** What the store does on a save. */
const saved = <T extends { version: number }>(c: T): T => ({ ...c, version: c.version + 1 });

describe('replaying a card action', () => {
  it('changes nothing when the same actor repeats the same action from the same card', () => {
    const claimed = caseIn('claimed');
    const seen = cardVersion(claimed);
    const at = oslo('2026-03-09T10:00');
    const once = saved(
      must(
        applyCommand(
          claimed,
          { type: 'logContact', outcome: 'not_reached' },
          staff.nurseA,
          at,
          roster,
          seen,
        ),
      ),
    );
    const twice = applyCommand(
      once,
      { type: 'logContact', outcome: 'not_reached' },
      staff.nurseA,
      oslo('2026-03-09T10:01'),
      roster,
      seen,
    );
    expect(twice).toEqual({ ok: true, case: once, changed: false });
  });

  it('still applies the same action from a newer card (a second unanswered call is a new fact)', () => {
    const claimed = caseIn('claimed');
    const first = saved(
      must(
        applyCommand(
          claimed,
          { type: 'logContact', outcome: 'not_reached' },
          staff.nurseA,
          oslo('2026-03-09T10:00'),
          roster,
          cardVersion(claimed),
        ),
      ),
    );
    const second = applyCommand(
      first,
      { type: 'logContact', outcome: 'not_reached' },
      staff.nurseA,
      oslo('2026-03-09T11:00'),
      roster,
      cardVersion(first),
    );
    expect(second.ok && second.changed).toBe(true);
  });

  it('applies a different payload of the same command from an older card (not a replay)', () => {
    // The nurse logs "not reached" from the channel card, then "reached" with a note from her
    // older personal card: both cards showed the same version; the second call is a new fact.
    const claimed = caseIn('claimed');
    const seen = cardVersion(claimed);
    const notReached = saved(
      must(
        applyCommand(
          claimed,
          { type: 'logContact', outcome: 'not_reached' },
          staff.nurseA,
          oslo('2026-03-09T10:00'),
          roster,
          seen,
        ),
      ),
    );
    const reached = applyCommand(
      notReached,
      { type: 'logContact', outcome: 'reached', note: 'Avtalt besøk' },
      staff.nurseA,
      oslo('2026-03-09T10:05'),
      roster,
      seen,
    );
    expect(reached.ok && reached.changed).toBe(true);
    const after = must(reached);
    expect(after.lastContact).toMatchObject({ outcome: 'reached' });
    expect(after.state).toBe('in_follow_up');
    // And the same payload again from either card is the replay.
    const again = applyCommand(
      saved(after),
      { type: 'logContact', outcome: 'reached', note: 'Avtalt besøk' },
      staff.nurseA,
      oslo('2026-03-09T10:06'),
      roster,
      seen,
    );
    expect(again.ok && again.changed).toBe(false);
  });

  it('treats a legacy history entry without a digest as before: same actor and command', () => {
    const claimed = caseIn('claimed');
    const seen = cardVersion(claimed);
    const once = saved(
      must(
        applyCommand(
          claimed,
          { type: 'logContact', outcome: 'not_reached' },
          staff.nurseA,
          oslo('2026-03-09T10:00'),
          roster,
          seen,
        ),
      ),
    );
    const legacy = {
      ...once,
      history: once.history.map(({ commandDigest: _d, ...h }) => h),
    };
    const replay = applyCommand(
      legacy,
      { type: 'logContact', outcome: 'reached' },
      staff.nurseA,
      oslo('2026-03-09T10:01'),
      roster,
      seen,
    );
    expect(replay).toEqual({ ok: true, case: legacy, changed: false });
  });

  it('is not a replay when someone else acted since: the guard answers', () => {
    const waiting = caseIn('awaiting_claim');
    const seen = cardVersion(waiting);
    const won = saved(
      must(
        applyCommand(
          waiting,
          { type: 'claim' },
          staff.nurseA,
          oslo('2026-03-09T10:00'),
          roster,
          seen,
        ),
      ),
    );
    expect(
      refusal(
        applyCommand(won, { type: 'claim' }, staff.nurseB, oslo('2026-03-09T10:00'), roster, seen),
      ),
    ).toMatchObject({
      code: 'already_claimed',
      params: { claimedBy: staff.nurseA.id },
    });
  });
});

describe('recordCardPosted', () => {
  it('stores the card location with a history entry of its own, state unchanged', () => {
    const c = caseIn('awaiting_claim');
    const at = oslo('2026-03-09T10:00');
    const posted = recordCardPosted(
      c,
      { conversationId: '19:zone@thread', activityId: 'a-1' },
      staff.fve,
      at,
    );
    expect(posted.card).toEqual({ conversationId: '19:zone@thread', activityId: 'a-1' });
    expect(posted.state).toBe(c.state);
    expect(posted.history.at(-1)).toMatchObject({
      action: 'postCard',
      actorId: staff.fve.id,
      from: c.state,
      to: c.state,
    });
    expect(posted.history).toHaveLength(c.history.length + 1);
  });
});
