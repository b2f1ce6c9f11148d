import { z } from 'zod';
import { AppError } from '../../../../../shared/contract/define';
import { LAYOUT_RESULT_GLOBAL, type PageLayout } from '../printer';

/** What the print HTML marks for the probe: the first call of each note, its footnote, and the TOC's page slots. */
export const PROBE_MARKS = {
  /** On the first call (`<a id="call-…">`) and on the footnote, the note's anchor id. */
  noteId: 'data-note-id',
  firstCall: 'data-first-call',
  /** On a table-of-contents page slot, the anchor of the heading whose page it shows. */
  tocTarget: 'data-toc-target',
} as const;

/**
 * Runs in the print page, before pagedjs: configures it, and once it has laid out the pages computes the
 * PageLayout into `window.__briefdeskLayout`. It also tidies what pagedjs leaves behind: pagedjs renames each
 * footnote's id to its own `note-<ref>` and inserts an empty link of its own before it (we write the numbers as
 * text, so its generated call is switched off in the CSS); the probe gives the notes their ids back and removes
 * those links, so the PDF's links and tags are ours only. A failure is reported in the same global.
 */
export const LAYOUT_PROBE_SCRIPT = `(function () {
  "use strict";
  var GLOBAL = ${JSON.stringify(LAYOUT_RESULT_GLOBAL)};
  function fail(reason) {
    if (!window[GLOBAL]) window[GLOBAL] = { error: String(reason && reason.message ? reason.message : reason) };
  }
  window.addEventListener("error", function (event) { fail(event.error || event.message); });
  window.addEventListener("unhandledrejection", function (event) { fail(event.reason); });
  function measure() {
    var pages = Array.prototype.slice.call(document.querySelectorAll(".pagedjs_page"));
    function pageOf(element) {
      var page = element.closest(".pagedjs_page");
      return page ? pages.indexOf(page) + 1 : 0;
    }
    Array.prototype.forEach.call(document.querySelectorAll("[data-footnote-call]"), function (call) { call.remove(); });
    var away = [];
    Array.prototype.forEach.call(document.querySelectorAll("[${PROBE_MARKS.firstCall}]"), function (call) {
      var id = call.getAttribute("${PROBE_MARKS.noteId}");
      var parts = document.querySelectorAll(".footnote[${PROBE_MARKS.noteId}=\\"" + CSS.escape(id) + "\\"]");
      var callPage = pageOf(call);
      var together = parts.length > 0 && callPage > 0;
      Array.prototype.forEach.call(parts, function (part, index) {
        if (pageOf(part) !== callPage) together = false;
        if (index === 0) part.id = id; else part.removeAttribute("id");
      });
      if (!together) away.push(id);
    });
    var headingPages = {};
    Array.prototype.forEach.call(document.querySelectorAll("h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]"), function (heading) {
      if (!(heading.id in headingPages)) headingPages[heading.id] = pageOf(heading);
    });
    Array.prototype.forEach.call(document.querySelectorAll("[${PROBE_MARKS.tocTarget}]"), function (slot) {
      var page = headingPages[slot.getAttribute("${PROBE_MARKS.tocTarget}")];
      slot.textContent = page ? String(page) : "";
    });
    window[GLOBAL] = { pageCount: pages.length, notesAwayFromCall: away, headingPages: headingPages };
  }
  window.PagedConfig = {
    auto: true,
    after: function () {
      try { measure(); } catch (error) { fail(error); }
    }
  };
})();`;

export const PageLayoutSchema = z.object({
  pageCount: z.number().int().min(0),
  notesAwayFromCall: z.array(z.string()),
  headingPages: z.record(z.string(), z.number().int().min(0)),
});
const ProbeResultSchema = z.union([PageLayoutSchema, z.object({ error: z.string() })]);

/** How long the paginator may take: a 50-brief book on a slow machine, with room to spare. */
export const LAYOUT_TIMEOUT_MS = 180_000;
const POLL_INTERVAL_MS = 100;

/**
 * Waits for the probe's result, reading it with `read` (the printer's way of evaluating in the page) until it is
 * set, the timeout passes or `signal` aborts. The page's answer crosses a trust boundary: it is parsed, never assumed.
 */
export async function waitForLayout(read: () => Promise<unknown>, signal: AbortSignal, timeoutMs = LAYOUT_TIMEOUT_MS): Promise<PageLayout> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    signal.throwIfAborted();
    const value = await read();
    if (value !== undefined && value !== null) {
      const result = ProbeResultSchema.safeParse(value);
      if (!result.success) throw new AppError('internal', 'The paginator reported a page layout that could not be read.');
      if ('error' in result.data) throw new AppError('internal', `The pages could not be laid out: ${result.data.error}`);
      return result.data;
    }
    if (Date.now() >= deadline) throw new AppError('internal', `The pages were not laid out within ${Math.round(timeoutMs / 1000)} seconds.`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, POLL_INTERVAL_MS);
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
