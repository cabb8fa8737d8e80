// Types of the release packager (plain ESM so it runs without a build): what tests import.
export const LOADED_BY_NAME: string[];
export const BUNDLE_ENTRY: string;
