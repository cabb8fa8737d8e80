// The signed path and query read from the URL must be what the terminal signed: `pathname +
// search` of the parsed URL, whatever the URL holds (or a genuine request fails its signature
// check, or a different target passes as the signed one).
import { describe, expect, it } from 'vitest';
import { signedPathAndQuery } from './request-target';

describe('the signed path and query of a request', () => {
  it('is the parsed URL’s pathname and search for every spelling a request URL can have', () => {
    const urls = [
      'http://central.test/v1/heartbeats',
      'http://127.0.0.1:8787/v1/cases?since=2026-12-01T00%3A00%3A00.000Z&limit=50',
      'http://[::1]:8787/v1/cases/C-1/documents/d%2F1',
      'https://central.example.gov.cn/v1/attachments/abc/content?offset=0',
      'http://central.test/',
      'http://central.test',
      'http://central.test/v1/cases?',
      'http://central.test/v1/cases?#x',
      'http://central.test/v1/cases#frag',
      'http://central.test/v1/cases?a=1#frag',
      'http://central.test/v1/%E4%B8%AD/../x?q=%20',
      'http://user:pw@central.test/v1/x?y=//z',
      'http://central.test//v1//x',
    ];
    for (const raw of urls) {
      const href = new URL(raw).href; // as @hono/node-server and the Request constructor serialise it
      const u = new URL(href);
      expect(signedPathAndQuery(href), raw).toBe(u.pathname + u.search);
    }
  });
});
