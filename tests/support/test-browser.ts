/** One page the test browser ended on: the final status, body and address after redirects. */
export interface BrowserPage {
  status: number;
  body: string;
  url: string;
}

export interface TestBrowser {
  /** Ferry's `openUrl`: opens the address like a browser tab and returns at once. */
  openUrl: (url: string) => Promise<void>;
  /** Pages in the order they finished loading; status 0 when the fetch itself failed. */
  pages: BrowserPage[];
}

/**
 * A "browser" for Ferry's openUrl: follows the authorize page's redirect to
 * Ferry's loopback callback and records the page it ends on. Like a real tab,
 * the app does not wait for it.
 */
export function testBrowser(): TestBrowser {
  const pages: BrowserPage[] = [];
  return {
    pages,
    openUrl: async (url) => {
      void (async () => {
        try {
          const response = await fetch(url, { redirect: 'follow' });
          pages.push({ status: response.status, body: await response.text(), url: response.url });
        } catch (error) {
          pages.push({ status: 0, body: String(error), url });
        }
      })();
    },
  };
}
