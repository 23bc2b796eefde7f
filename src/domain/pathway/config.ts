import { z } from 'zod/v4';
import { policySchema, workingTimeSchema } from '../routine';

/**
 * Pakkeforløp hjem for pasienter med kreft, as data. A municipality edits config/pathways.json;
 * this schema is the contract for that file. A pathway snapshots the policy part (together with
 * the routine's working time) at registration, so a later edit never moves the windows, the
 * performer or the escalation of a pathway already under way.
 *
 * Collaboration point 1 is the hospital's; the municipality's are 2 (about 3-4 months after the
 * diagnosis) and 3 (about 12-18 months after).
 */

export const pointNumberSchema = z.literal([2, 3]);
export type PointNumber = z.infer<typeof pointNumberSchema>;
export const POINT_NUMBERS: readonly PointNumber[] = [2, 3];

/**
 * Who holds the needs-assessment conversation, by the municipality's local procedure:
 * the zone's resource nurse (ressurssykepleier), the cancer coordinator (kreftkoordinator),
 * a case officer at the allocation office (FVE, saksbehandler) or the GP (fastlege). Where the
 * GP performs it the bot only tracks that the GP was asked and confirmed.
 */
export const performerKindSchema = z.enum(['zoneResourceNurse', 'cancerCoordinator', 'fve', 'gp']);
export type PerformerKind = z.infer<typeof performerKindSchema>;

/** One point's window, in calendar months from the diagnosis date. */
export const windowRuleSchema = z
  .object({
    point: pointNumberSchema,
    opensAfterMonths: z.int().min(0).max(36),
    closesAfterMonths: z.int().min(1).max(36),
    /** The point's card is posted this many calendar days before the window opens. */
    noticeDaysBeforeOpening: z.int().min(0).max(90),
  })
  .strict()
  .refine((w) => w.opensAfterMonths < w.closesAfterMonths, {
    message: 'the window must close after it opens',
    path: ['closesAfterMonths'],
  });
export type WindowRule = z.infer<typeof windowRuleSchema>;

/** What the local procedure may ask about the patient when it chooses the performer. */
export const performerConditionSchema = z
  .object({
    /** The patient already has municipal health and care services (HSY, institution). */
    hasServices: z.boolean().optional(),
    /** The patient's GP has agreed to hold the conversation. */
    gpAgreement: z.boolean().optional(),
  })
  .strict();
export type PerformerCondition = z.infer<typeof performerConditionSchema>;

/** A rule of the local procedure; the first rule of the point whose conditions all hold wins. */
export const performerRuleSchema = z
  .object({
    point: pointNumberSchema,
    /** Left out (or empty): always applies, the point's fallback. */
    when: performerConditionSchema.optional(),
    performer: performerKindSchema,
  })
  .strict();
export type PerformerRule = z.infer<typeof performerRuleSchema>;

const isUnconditional = (rule: PerformerRule) =>
  rule.when === undefined || Object.values(rule.when).every((v) => v === undefined);

export const pathwayPolicySchema = z
  .object({
    windows: z
      .array(windowRuleSchema)
      .refine(
        (ws) =>
          ws.length === POINT_NUMBERS.length &&
          POINT_NUMBERS.every((n) => ws.some((w) => w.point === n)),
        'one window for each of points 2 and 3',
      ),
    /**
     * A closing day that is not a working day: the closing deadline moves back to the end of the
     * last working day before it ('previous', the default: a window is never stretched, like
     * "within N days" in the routine) or forward to the next working day ('next').
     */
    closingDayFallback: z.enum(['previous', 'next']).default('previous'),
    performers: z.array(performerRuleSchema).superRefine((rules, ctx) => {
      for (const point of POINT_NUMBERS) {
        const own = rules
          .map((rule, index) => ({ rule, index }))
          .filter((r) => r.rule.point === point);
        const fallback = own.find((r) => isUnconditional(r.rule));
        if (!fallback) {
          ctx.addIssue({
            code: 'custom',
            message: `point ${point} needs a rule without conditions (the fallback)`,
          });
          continue;
        }
        for (const later of own.filter((r) => r.index > fallback.index)) {
          ctx.addIssue({
            code: 'custom',
            message: `never used: the rule at ${fallback.index} already applies to every patient of point ${point}`,
            path: [later.index],
          });
        }
      }
    }),
    /**
     * Levels relative to a point's closing deadline, with the routine's rules and limits
     * (strictly increasing offsets, unique ids, at most 7 days before): the performer is reminded
     * before the window closes, the zone leader and FVE are told when it closed without a
     * conversation.
     */
    escalation: policySchema.shape.escalation,
  })
  .strict();
export type PathwayPolicy = z.infer<typeof pathwayPolicySchema>;

export const pathwayConfigSchema = z
  .object({
    /** Bump on every change; pathways record the version they were registered under. */
    version: z.string().min(1),
    policy: pathwayPolicySchema,
  })
  .strict();
export type PathwayConfig = z.infer<typeof pathwayConfigSchema>;

/**
 * What a pathway keeps: the pathway policy and the routine's working time at registration (the
 * windows close at the end of working time, and the levels are delivered in it).
 */
export const pathwayPolicySnapshotSchema = pathwayPolicySchema.extend({
  workingTime: workingTimeSchema,
});
export type PathwayPolicySnapshot = z.infer<typeof pathwayPolicySnapshotSchema>;
