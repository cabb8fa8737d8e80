// What a test or the developer panel can do to the simulated devices. Validated with zod at
// the API boundary (/api/dev/sim/actions); the renderer panel builds these.
import { z } from 'zod';
import { FACE_SIM_MODES } from '../face/simulator';
import { SAMPLE_CARD_NAMES, type SampleCardName } from '../id-card/sample-cards';
import { SAMPLE_SOCIAL_CARDS, type SampleSocialCardName } from '../social-card/sample-social-cards';

const SOCIAL_CARD_NAMES = Object.keys(SAMPLE_SOCIAL_CARDS) as [SampleSocialCardName, ...SampleSocialCardName[]];

const plug = z.enum(['unplug', 'replug']);

export const simActionSchema = z.discriminatedUnion('device', [
  z.object({
    device: z.literal('id-card-reader'),
    action: z.union([z.literal('insert'), z.literal('remove'), plug, z.literal('noise'), z.literal('sam-fault'), z.literal('clear')]),
    card: z.enum(SAMPLE_CARD_NAMES as [SampleCardName, ...SampleCardName[]]).optional(),
  }),
  z.object({
    device: z.literal('receipt-printer'),
    action: z.union([z.enum(['paper-near-end', 'paper-out', 'cover-open', 'cutter-error', 'clear']), plug]),
  }),
  z.object({
    device: z.literal('a4-printer'),
    action: z.union([z.enum(['stop', 'resume']), plug]),
    reason: z.string().max(100).optional(),
  }),
  z.object({
    device: z.literal('scanner'),
    action: z.union([z.enum(['jam', 'cover-open', 'no-documents', 'clear']), plug]),
  }),
  /** 人证核验: what the simulated face verifier answers from now on */
  z.object({
    device: z.literal('face-verifier'),
    action: z.enum(FACE_SIM_MODES),
  }),
  z.object({
    device: z.literal('code-scanner'),
    action: z.union([z.literal('scan'), plug]),
    text: z.string().min(1).max(2000).optional(),
  }),
  /** 社保卡 reader (pcscd + vpcd): insert a sample card, a card of another application, one answering garbage */
  z.object({
    device: z.literal('social-card-reader'),
    action: z.union([z.enum(['insert', 'insert-wrong-card', 'insert-garbage', 'remove']), plug]),
    card: z.enum(SOCIAL_CARD_NAMES).optional(),
  }),
]);

export type SimAction = z.infer<typeof simActionSchema>;

export interface SimPrintedReceipt {
  at: string;
  lines: string[];
  qrPayloads: string[];
  cut: 'partial' | 'full';
}

export interface SimState {
  cards: SampleCardName[];
  idCard: { simulated: boolean; inserted: string | null; samFault: boolean };
  receipt: { simulated: boolean; paperNearEnd: boolean; paperOut: boolean; coverOpen: boolean; cutterError: boolean; printed: SimPrintedReceipt[] };
  a4: { simulated: boolean; queue: string | null; outputDir: string | null; problem: string | null };
  scanner: { simulated: boolean; fault: string };
  codeScanner: { simulated: boolean };
  socialCard: { simulated: boolean; inserted: boolean };
  face: { mode: string; calls: number };
  plugged: Record<string, boolean>;
}
