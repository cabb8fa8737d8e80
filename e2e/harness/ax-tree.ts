// What a screen reader (Orca reads Chromium's accessibility tree) gets from a screen: the tree
// itself over the DevTools protocol, not the DOM. Controls without a name, and the live regions
// that announce countdowns and device prompts.
import type { Page } from 'playwright-core';

/** Roles a citizen operates; each must have a name a screen reader can say. */
const CONTROL_ROLES = new Set(['button', 'link', 'textbox', 'searchbox', 'checkbox', 'radio', 'switch', 'combobox', 'listbox', 'option', 'slider', 'spinbutton', 'tab', 'menuitem']);

interface AxNode {
  nodeId: string;
  ignored: boolean;
  role?: { value?: unknown };
  name?: { value?: unknown };
  properties?: Array<{ name: string; value: { value?: unknown } }>;
}

export interface AxControl {
  role: string;
  name: string;
  disabled: boolean;
}

export interface AxLiveRegion {
  role: string;
  name: string;
  live: string;
}

async function fullTree(page: Page): Promise<AxNode[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Accessibility.enable');
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
    return nodes.filter((n) => !n.ignored);
  } finally {
    await cdp.detach();
  }
}

const prop = (n: AxNode, name: string) => n.properties?.find((p) => p.name === name)?.value.value;

/** Every control on screen with its role and accessible name. */
export async function axControls(page: Page): Promise<AxControl[]> {
  return (await fullTree(page))
    .filter((n) => CONTROL_ROLES.has(String(n.role?.value ?? '')))
    .map((n) => ({ role: String(n.role?.value), name: String(n.name?.value ?? '').trim(), disabled: prop(n, 'disabled') === true }));
}

/** The regions that speak by themselves when their content changes (status, alert, timer, aria-live). */
export async function axLiveRegions(page: Page): Promise<AxLiveRegion[]> {
  return (await fullTree(page))
    .filter((n) => {
      const live = prop(n, 'live');
      return typeof live === 'string' && live !== 'off' && prop(n, 'root') === undefined;
    })
    .map((n) => ({ role: String(n.role?.value ?? ''), name: String(n.name?.value ?? ''), live: String(prop(n, 'live')) }));
}

/** The accessible name and role of the focused element, as a screen reader announces it. */
export async function axFocused(page: Page): Promise<{ role: string; name: string } | null> {
  // The document itself reports focus too; the element inside it is what is announced.
  const focused = (await fullTree(page)).filter((n) => prop(n, 'focused') === true && n.role?.value !== 'RootWebArea').at(-1);
  return focused ? { role: String(focused.role?.value ?? ''), name: String(focused.name?.value ?? '') } : null;
}
