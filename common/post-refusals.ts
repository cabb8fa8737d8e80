// Why central refused to post a case's result, as codes: central answers them (409 `error` of
// POST /v1/cases/{caseNo}/delivery, API.md), the kiosk passes the code on and the renderer words
// it. Apart from central-api.ts's zod schemas because the renderer reads these and ships no zod.

/** The result was already printed at a kiosk, the case is not concluded yet, or delivery was already requested (with another key). */
export const POST_REFUSALS = ['already-printed', 'not-concluded', 'already-requested'] as const;
export type PostRefusal = (typeof POST_REFUSALS)[number];

export const isPostRefusal = (code: unknown): code is PostRefusal => (POST_REFUSALS as readonly unknown[]).includes(code);
