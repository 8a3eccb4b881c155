/**
 * What the benchmark runs inside the pages, as source text: the bench compiles without the DOM's
 * types, and Playwright sends functions to the page as text anyway. Every figure is the page's own
 * `performance.now()` (ms since the navigation started). Init scripts and evaluations go in through
 * DevTools, which the pages' CSP does not govern.
 */

/** A page function's source called with `args` (Playwright calls no function given as text: it evaluates it as an expression). */
export const invoke = (source: string, ...args: unknown[]) => `(${source})(${args.map((arg) => JSON.stringify(arg)).join(', ')})`;

/** "After the next paint": a task queued from the frame callback runs once the frame is drawn. */
const AFTER_PAINT = 'const afterPaint = (then) => requestAnimationFrame(() => setTimeout(() => then(performance.now())));';

export interface CatalogueTimings {
  /** All `cards` cards in the DOM. */
  cards: number;
  /** The frame with them drawn. */
  painted: number;
  /** A control answered: the filters' toggle reflected a click (queued as a task once the cards were in); without JavaScript, the page parsed. */
  responded: number;
  fcp: number;
  domContentLoaded: number;
  load: number;
}

/**
 * Init script for a catalogue load: watches for `cards` item cards (`li.cartao`), then for the frame
 * that draws them, then clicks the filters' toggle and waits for its `aria-expanded` to change.
 */
export const catalogueTimingsScript = (cards: number) => `(() => {
  ${AFTER_PAINT}
  const marks = (window.__benchCatalogue = {});
  const settle = (name, at) => {
    marks[name] = at;
    if (marks.painted !== undefined && marks.responded !== undefined) marks.done = true;
  };
  const probe = () => {
    const toggle = document.querySelector('.filtros__alternar');
    if (!toggle) {
      // A page without JavaScript: its native controls work once it is parsed.
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => settle('responded', performance.now()));
      else settle('responded', performance.now());
      return;
    }
    new MutationObserver((_, observer) => {
      if (toggle.getAttribute('aria-expanded') !== 'true') return;
      observer.disconnect();
      settle('responded', performance.now());
    }).observe(toggle, { attributes: true, attributeFilter: ['aria-expanded'] });
    toggle.click();
  };
  new MutationObserver((_, observer) => {
    if (document.querySelectorAll('li.cartao').length < ${cards}) return;
    observer.disconnect();
    marks.cards = performance.now();
    afterPaint((at) => settle('painted', at));
    setTimeout(probe);
  }).observe(document, { childList: true, subtree: true });
})();`;

/** Done: cards drawn, a control answered, and the first contentful paint reported (it can come after the frame). */
export const CATALOGUE_DONE = "window.__benchCatalogue?.done === true && performance.getEntriesByName('first-contentful-paint').length > 0";

export const READ_CATALOGUE_TIMINGS = `(() => {
  const navigation = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const { cards, painted, responded } = window.__benchCatalogue;
  return { cards, painted, responded, fcp: fcp ? fcp.startTime : NaN, domContentLoaded: navigation.domContentLoadedEventEnd, load: navigation.loadEventEnd };
})()`;

/** Records when each reply bubble of the chat widget enters the DOM and when it is drawn. */
export const WATCH_CHAT_REPLIES = `(() => {
  ${AFTER_PAINT}
  const replies = (window.__benchReplies = []);
  const isReply = (node) => node.nodeType === 1 && node.matches('li.chat__msg--loja') && !node.matches('.chat__msg--digitando');
  new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes)
        if (isReply(node)) {
          const reply = { inserted: performance.now() };
          replies.push(reply);
          afterPaint((at) => (reply.painted = at));
        }
  }).observe(document.body, { childList: true, subtree: true });
})()`;

export const REPLIES_PAINTED = '(n) => window.__benchReplies.length >= n && window.__benchReplies[n - 1].painted !== undefined';

export interface ReplyTimings {
  /** `responseEnd` of the `/api/visitante/chat` answer the reply came in. */
  responseEnd: number;
  inserted: number;
  painted: number;
}

/** The n-th reply's timings, against the last successful chat answer received before it entered the DOM. */
export const READ_REPLY_TIMINGS = `(n) => {
  const reply = window.__benchReplies[n - 1];
  const answers = performance.getEntriesByType('resource').filter(
    (e) => e.name.endsWith('/api/visitante/chat') && e.responseStatus === 200 && e.responseEnd <= reply.inserted,
  );
  return { responseEnd: answers.at(-1).responseEnd, inserted: reply.inserted, painted: reply.painted };
}`;

/** The baseline: the same request by a bare fetch, its reply appended as text to the page, on the store's own origin. */
export const PLAIN_CHAT_MESSAGE = `async (mensagem) => {
  ${AFTER_PAINT}
  const response = await fetch('/api/visitante/chat', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ mensagem }),
  });
  const { resposta } = await response.json();
  const bubble = document.createElement('p');
  bubble.textContent = resposta;
  document.body.append(bubble);
  const inserted = performance.now();
  const painted = await new Promise(afterPaint);
  const answer = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/visitante/chat')).at(-1);
  if (response.status !== 200) throw new Error('chat answered ' + response.status);
  return { responseEnd: answer.responseEnd, inserted, painted };
}`;

export const OPEN_VISITOR_SESSION = `(async () => {
  const response = await fetch('/api/visitante/sessao', { method: 'POST', headers: { Accept: 'application/json' } });
  if (response.status !== 201) throw new Error('visitor session: ' + response.status);
})()`;
