// 远程帮办 and 呼叫帮助: the contract between a kiosk and central's help desk. A citizen's video
// call is queued at central, answered by a signed-in staff member in central's console, and
// connected browser to browser (WebRTC) with central relaying only the signalling (SDP and ICE
// candidates). What the staff member sees of the screen and where they point travel on the
// call's own data channel, never through central. The ICE servers (TURN with time-limited REST
// credentials) come from central with each call.
import { z } from 'zod';
import { CALLBACK_PHONE_PATTERN } from './contact-patterns';
import { lazySchema } from './lazy-schema';

/** Central's call ids: 128 random bits, base64url. Unguessable, and still checked against the terminal that placed the call. */
export const helpCallIdSchema = lazySchema(() => z.string().regex(/^[A-Za-z0-9_-]{22}$/, '呼叫编号格式不正确 / malformed call id'));
export const helpNoticeIdSchema = lazySchema(() => z.string().regex(/^[A-Za-z0-9_-]{22}$/, '求助编号格式不正确 / malformed notice id'));

/** Where the citizen is: the screen kind and, in a journey, the step and the service (no personal data). */
export const helpScreenSchema = lazySchema(() =>
  z.strictObject({
    screen: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
    step: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,31}$/)
      .nullable(),
    serviceName: z.string().trim().max(64).nullable(),
  }),
);
export type HelpScreen = z.infer<typeof helpScreenSchema>;

export const iceServerSchema = lazySchema(() =>
  z.strictObject({
    urls: z
      .array(z.string().regex(/^(stun|turn|turns):[^\s]{1,200}$/))
      .min(1)
      .max(4),
    username: z.string().max(128).optional(),
    credential: z.string().max(128).optional(),
  }),
);
export const iceConfigSchema = lazySchema(() =>
  z.strictObject({
    iceServers: z.array(iceServerSchema).max(4),
    /** 'relay' keeps both ends' own addresses out of the call: everything goes through TURN */
    iceTransportPolicy: z.enum(['all', 'relay']),
    /** when the TURN credentials stop working (a new call gets new ones) */
    expiresAt: z.iso.datetime({ offset: true }),
  }),
);
export type IceConfig = z.infer<typeof iceConfigSchema>;

export const HELP_CALL_STATES = ['waiting', 'answered', 'ended', 'missed'] as const;
export const helpCallStateSchema = lazySchema(() => z.enum(HELP_CALL_STATES));
export type HelpCallState = z.infer<typeof helpCallStateSchema>;

/** POST /v1/help/calls */
export const helpCallStartSchema = lazySchema(() => z.strictObject({ screen: helpScreenSchema }));

/** Where a call stands, as the kiosk sees it. */
export const helpCallStatusSchema = lazySchema(() =>
  z.strictObject({
    callId: helpCallIdSchema,
    state: helpCallStateSchema,
    /** 1 = next to be answered; null once answered or over */
    position: z.number().int().min(1).nullable(),
    estimatedWaitSec: z.number().int().min(0).nullable(),
    /** the staff member who answered: name only */
    staffName: z.string().max(32).nullable(),
    endReason: z.enum(['citizen-hung-up', 'staff-hung-up', 'no-answer', 'connection-lost']).nullable(),
  }),
);
export type HelpCallStatus = z.infer<typeof helpCallStatusSchema>;

export const helpCallStartedSchema = lazySchema(() => helpCallStatusSchema.extend({ ice: iceConfigSchema }));

export const HELP_SIGNAL_KINDS = ['offer', 'answer', 'candidate', 'hangup'] as const;
/** One signalling message; `data` is the SDP or the JSON of an ICE candidate, opaque to central. */
export const helpSignalSchema = lazySchema(() => z.strictObject({ kind: z.enum(HELP_SIGNAL_KINDS), data: z.string().max(16_384) }));
export type HelpSignal = z.infer<typeof helpSignalSchema>;

export const helpSignalsQuerySchema = lazySchema(() =>
  z.strictObject({
    after: z.coerce.number().int().min(0).max(1_000_000).default(0),
  }),
);
export const helpSignalListSchema = lazySchema(() =>
  z.strictObject({
    state: helpCallStateSchema,
    signals: z.array(helpSignalSchema.extend({ seq: z.number().int().min(1) })).max(200),
  }),
);
export type HelpSignalList = z.infer<typeof helpSignalListSchema>;

export const helpSignalPostedSchema = lazySchema(() => z.strictObject({ seq: z.number().int().min(1) }));

/** Mainland mobile or a landline with area code; the only personal data of the help desk. */
export const callbackPhoneSchema = lazySchema(() => z.string().trim().regex(CALLBACK_PHONE_PATTERN, '请输入手机号码或带区号的固定电话 / enter a mobile number or a landline with area code'));

/** POST /v1/help/calls/{callId}/callback: the citizen could not wait and leaves a number. */
export const helpCallbackRequestSchema = lazySchema(() => z.strictObject({ phone: callbackPhoneSchema }));
export const helpCallbackAcceptedSchema = lazySchema(() => z.strictObject({ ok: z.literal(true), callbackBy: z.iso.datetime({ offset: true }) }));

/** POST /v1/help/requests: the 呼叫帮助 button (someone at the hall comes to the kiosk). */
export const helpRequestSchema = lazySchema(() => z.strictObject({ screen: helpScreenSchema, waitingSec: z.number().int().min(0).max(86_400) }));
export const helpRequestAcceptedSchema = lazySchema(() => z.strictObject({ noticeId: helpNoticeIdSchema, staffOnDuty: z.number().int().min(0) }));
