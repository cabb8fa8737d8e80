import type { ESLint } from 'eslint';

declare const plugin: ESLint.Plugin;
export default plugin;
export declare function boundaryViolation(rel: string, spec: string, typeOnly: boolean): string | null;
