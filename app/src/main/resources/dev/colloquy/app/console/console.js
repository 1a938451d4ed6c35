// The Colloquy console: a page of the server that reads and edits a project's memory through the
// REST API, with the token a person signs in with. Plain JavaScript, no build step, nothing
// loaded from elsewhere. Every text from the API reaches the page as text (DOM nodes and
// textContent), never as markup.
'use strict';

(function () {
  const TOKEN_KEY = 'colloquy.token';
  const PAGE_SIZE = 20;
  const HISTORY_PAGE = 50;
  const FOLD_CHARACTERS = 1500;
  const FOLD_LINES = 25;
  const ROLES = ['system', 'user', 'assistant', 'tool'];

  const main = document.getElementById('main');
  const nav = document.getElementById('nav');
  const navProjects = document.getElementById('nav-projects');
  let admin = false;
  let renderCount = 0;

  // ---- The token: in this tab's session storage only, never in a URL ----

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    admin = false;
    render(message);
  }

  // ---- DOM helpers: children given as strings become text nodes ----

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) {
        continue;
      }
      if (name === 'class') {
        node.className = value;
      } else if (name.startsWith('on')) {
        node.addEventListener(name.slice(2), value);
      } else if (value === true) {
        node.setAttribute(name, '');
      } else {
        node.setAttribute(name, String(value));
      }
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) {
        continue;
      }
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function show(...children) {
    main.replaceChildren(...children.flat().filter((c) => c));
  }

  function alertBox(message) {
    return el('p', { class: 'alert', role: 'alert' }, message);
  }

  let fieldCount = 0;

  /** A labelled form field; returns the wrapper with the control as its `control` property. */
  function field(label, control, hint) {
    const id = 'f' + ++fieldCount;
    control.id = id;
    const hintNode = hint ? el('span', { class: 'hint', id: id + '-hint' }, hint) : null;
    if (hintNode) {
      control.setAttribute('aria-describedby', id + '-hint');
    }
    const wrapper = el('div', { class: 'field' }, el('label', { for: id }, label), control, hintNode);
    wrapper.control = control;
    return wrapper;
  }

  // ---- Time: shown in the viewer's own zone, stored as instants ----

  function pad(n) {
    return String(n).padStart(2, '0');
  }

  function localText(iso) {
    const d = new Date(iso);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }

  function timeNode(iso) {
    if (!iso) {
      return el('span', { class: 'muted' }, 'never');
    }
    return el('time', { datetime: iso, title: iso }, localText(iso));
  }

  /** The value of a datetime-local input (the viewer's zone) as an instant, or null. */
  function instantOf(local) {
    if (!local) {
      return null;
    }
    const d = new Date(local);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }

  /** An instant as the value of a datetime-local input. */
  function localInputOf(iso) {
    if (!iso) {
      return '';
    }
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) {
      return '';
    }
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }

  // ---- The API ----

  class ApiError extends Error {
    constructor(status, problem) {
      super((problem && (problem.detail || problem.title)) || `the server answered ${status}`);
      this.status = status;
      this.problem = problem;
    }
  }

  /**
   * A request to the API with the signed-in token, or with options.token (a token being checked,
   * which a refusal does not sign out); options.contentType for a body other than JSON.
   */
  async function api(method, path, body, options = {}) {
    const headers = { Authorization: 'Bearer ' + (options.token || token()), Accept: 'application/json' };
    const init = { method, headers, cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' };
    if (body !== undefined) {
      headers['Content-Type'] = options.contentType || 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch('../' + path, init);
    } catch (e) {
      throw new ApiError(0, { detail: 'the server cannot be reached' });
    }
    const text = await response.text();
    let json = null;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch (e) {
        json = null;
      }
    }
    if (!response.ok) {
      const error = new ApiError(response.status, json);
      if (response.status === 401 && !options.token) {
        signOut('Signed out: ' + error.message + '.');
      }
      throw error;
    }
    return json;
  }

  function query(params) {
    const search = new URLSearchParams();
    for (const [name, value] of params) {
      if (value !== undefined && value !== null && value !== '') {
        search.append(name, value);
      }
    }
    const text = search.toString();
    return text ? '?' + text : '';
  }

  /** `KEY=VALUE` lines as the listing's and the search's metadata parameters. */
  function metadataParams(lines) {
    return (lines || '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line)
      .map((line) => ['metadata', line]);
  }

  // ---- Routing: #/conversations, #/c/ID, #/search, #/projects, #/projects/ID ----

  function route() {
    const hash = location.hash.startsWith('#/') ? location.hash.slice(2) : '';
    const question = hash.indexOf('?');
    const path = question < 0 ? hash : hash.slice(0, question);
    const params = new URLSearchParams(question < 0 ? '' : hash.slice(question + 1));
    return { parts: path.split('/').filter((p) => p).map(decodeURIComponent), params };
  }

  function go(path, params) {
    const target = '#/' + path + query(params || []);
    if (location.hash === target) {
      render();
    } else {
      location.hash = target;
    }
  }

  function render(message) {
    const current = ++renderCount;
    const stale = () => current !== renderCount;
    if (!token()) {
      nav.hidden = true;
      signInView(message);
      return;
    }
    nav.hidden = false;
    navProjects.hidden = !admin;
    const { parts, params } = route();
    const section = parts[0] || 'conversations';
    for (const link of nav.querySelectorAll('a')) {
      if (link.dataset.nav === (section === 'c' ? 'conversations' : section)) {
        link.setAttribute('aria-current', 'page');
      } else {
        link.removeAttribute('aria-current');
      }
    }
    const views = {
      conversations: () => conversationsView(params, stale),
      c: () => transcriptView(parts[1], params, stale),
      search: () => searchView(params, stale),
      projects: () => (parts[1] ? projectView(parts[1], stale) : projectsView(stale)),
    };
    const view = views[section];
    if (!view) {
      show(el('h1', {}, 'Not found'), el('p', {}, 'The console has no page here.'));
      return;
    }
    show(el('p', { class: 'muted', role: 'status' }, 'Loading…'));
    view().catch((error) => {
      if (!stale() && token()) {
        show(el('h1', {}, 'Something went wrong'), alertBox(error.message));
      }
    });
  }

  // ---- Sign in ----

  function signInView(message) {
    document.title = 'Sign in · Colloquy console';
    const input = el('input', { type: 'password', name: 'token', autocomplete: 'off', required: true, spellcheck: 'false' });
    const status = el('div', { 'aria-live': 'polite' }, message ? alertBox(message) : null);
    const form = el(
      'form',
      { class: 'signin', 'aria-labelledby': 'signin-title' },
      el('h1', { id: 'signin-title' }, 'Sign in'),
      el('p', {}, 'Sign in with a Colloquy API token. It is kept in this browser tab only, until you sign out or close the tab.'),
      field('Token', input),
      status,
      el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary' }, 'Sign in')),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const secret = input.value.trim();
      if (!secret) {
        return;
      }
      try {
        await api('GET', 'v1/tags', undefined, { token: secret });
      } catch (error) {
        status.replaceChildren(alertBox(error.status === 401 ? 'This token is not accepted: ' + error.message + '.' : error.message));
        input.focus();
        return;
      }
      sessionStorage.setItem(TOKEN_KEY, secret);
      input.value = '';
      await detectAdmin();
      render();
      main.focus();
    });
    show(form);
    input.focus();
  }

  /** An admin token may list projects; a project token gets 403 there. */
  async function detectAdmin() {
    try {
      await api('GET', 'v1/projects');
      admin = true;
    } catch (error) {
      admin = false;
    }
  }

  document.getElementById('sign-out').addEventListener('click', () => {
    location.hash = '#/conversations';
    signOut('Signed out.');
  });

  // ---- Confirmation ----

  const dialog = document.getElementById('confirm');

  function confirmAction(title, text, action) {
    document.getElementById('confirm-title').textContent = title;
    document.getElementById('confirm-text').textContent = text;
    const ok = document.getElementById('confirm-ok');
    const cancel = document.getElementById('confirm-cancel');
    ok.textContent = action;
    return new Promise((resolve) => {
      const finish = (answer) => {
        ok.removeEventListener('click', yes);
        cancel.removeEventListener('click', no);
        dialog.removeEventListener('cancel', no);
        dialog.close();
        resolve(answer);
      };
      const yes = () => finish(true);
      const no = (event) => {
        if (event) {
          event.preventDefault();
        }
        finish(false);
      };
      ok.addEventListener('click', yes);
      cancel.addEventListener('click', no);
      dialog.addEventListener('cancel', no);
      dialog.showModal();
      cancel.focus();
    });
  }

  /** A button that asks first (ask gives the dialog's title, text and action), then does work; a refusal shows in errorBox. */
  function guarded(button, ask, work, errorBox) {
    button.addEventListener('click', async () => {
      const [title, text, action] = ask();
      if (!(await confirmAction(title, text, action))) {
        button.focus();
        return;
      }
      try {
        await work();
      } catch (e) {
        errorBox.replaceChildren(alertBox(e.message));
      }
    });
  }

  // ---- Shared pieces ----

  function tagList(tags) {
    if (!tags || tags.length === 0) {
      return null;
    }
    return el('ul', { class: 'tags', 'aria-label': 'Tags' }, tags.map((tag) => el('li', { class: 'tag' }, tag)));
  }

  function json(value) {
    return JSON.stringify(value, null, 2);
  }

  function compactJson(value, max) {
    const text = JSON.stringify(value);
    return text.length > max ? text.slice(0, max - 1) + '…' : text;
  }

  function hasKeys(object) {
    return object && typeof object === 'object' && Object.keys(object).length > 0;
  }

  async function tagOptions(select, selected) {
    try {
      const tags = await api('GET', 'v1/tags');
      for (const tag of tags.items) {
        select.append(el('option', { value: tag.name, selected: tag.name === selected }, `${tag.name} (${tag.conversations})`));
      }
    } catch (error) {
      // The filter still works typed by hand in the address; the list is a convenience.
    }
    if (selected && ![...select.options].some((o) => o.value === selected)) {
      select.append(el('option', { value: selected, selected: true }, selected));
    }
  }

  // ---- Highlighting: the query's words marked in a text, as text nodes and <mark> ----

  function fold(word) {
    return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  }

  /** The words and prefixes a query looks for (exclusions left out). */
  function queryTerms(q) {
    const words = [];
    const prefixes = [];
    const pattern = /(-?)(?:"([^"]*)("?)|([^\s"]+))(\*?)/gu;
    let match;
    while ((match = pattern.exec(q || '')) !== null) {
      if (match[1] === '-') {
        continue;
      }
      const text = match[2] !== undefined ? match[2] : match[4];
      const tokens = (text.match(/[\p{L}\p{N}]+/gu) || []).map(fold);
      const prefixed = match[5] === '*' || (match[4] !== undefined && match[4].endsWith('*'));
      tokens.forEach((t, i) => (prefixed && i === tokens.length - 1 ? prefixes : words).push(t));
    }
    return { words: new Set(words), prefixes };
  }

  function highlighted(text, terms) {
    const fragment = document.createDocumentFragment();
    if (!terms || (terms.words.size === 0 && terms.prefixes.length === 0)) {
      fragment.append(document.createTextNode(text));
      return fragment;
    }
    const wordPattern = /[\p{L}\p{N}]+/gu;
    let last = 0;
    let match;
    while ((match = wordPattern.exec(text)) !== null) {
      const folded = fold(match[0]);
      if (terms.words.has(folded) || terms.prefixes.some((p) => folded.startsWith(p))) {
        fragment.append(document.createTextNode(text.slice(last, match.index)));
        fragment.append(el('mark', {}, match[0]));
        last = match.index + match[0].length;
      }
    }
    fragment.append(document.createTextNode(text.slice(last)));
    return fragment;
  }

  // ---- Conversations ----

  async function conversationsView(params, stale) {
    document.title = 'Conversations · Colloquy console';
    const tag = el('select', { name: 'tag' }, el('option', { value: '' }, 'Any tag'));
    const metadata = el('textarea', { name: 'metadata', rows: 2, spellcheck: 'false' });
    metadata.value = params.getAll('metadata').join('\n');
    const since = el('input', { type: 'datetime-local', name: 'updatedSince', value: localInputOf(params.get('updatedSince')) });
    const form = el(
      'form',
      { class: 'filters', role: 'search', 'aria-label': 'Filter conversations' },
      field('Tag', tag),
      field('Metadata', metadata, 'KEY=VALUE, one per line; all must match'),
      field('Updated since', since, 'in your time zone'),
      el(
        'div',
        { class: 'actions' },
        el('button', { type: 'submit', class: 'primary' }, 'Apply'),
        el('a', { href: '#/conversations' }, 'Clear filters'),
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      go('conversations', [['tag', tag.value], ...metadataParams(metadata.value), ['updatedSince', instantOf(since.value)]]);
    });
    const filters = [['tag', params.get('tag')], ...params.getAll('metadata').map((m) => ['metadata', m]), ['updatedSince', params.get('updatedSince')]];
    const cursor = params.get('cursor');
    const [page] = await Promise.all([
      api('GET', 'v1/conversations' + query([['limit', PAGE_SIZE], ...filters, ['cursor', cursor]])),
      tagOptions(tag, params.get('tag')),
    ]);
    if (stale()) {
      return;
    }
    const list = page.items.length
      ? el('ul', { class: 'cards conversations' }, page.items.map(conversationCard))
      : el('p', { class: 'empty' }, 'No conversation matches.');
    const paging = el(
      'nav',
      { class: 'paging', 'aria-label': 'Pages' },
      cursor ? el('a', { href: '#/conversations' + query(filters) }, 'First page') : null,
      page.nextCursor ? el('a', { href: '#/conversations' + query([...filters, ['cursor', page.nextCursor]]), rel: 'next' }, 'Next page') : null,
    );
    show(el('h1', {}, 'Conversations'), form, list, paging);
  }

  function conversationCard(c) {
    return el(
      'li',
      { class: 'card' },
      el('h2', {}, el('a', { href: '#/c/' + encodeURIComponent(c.id) }, c.title || 'Untitled conversation')),
      c.key ? el('p', { class: 'key' }, 'Key ', el('code', {}, c.key)) : null,
      tagList(c.tags),
      hasKeys(c.metadata) ? el('p', { class: 'meta' }, el('code', {}, compactJson(c.metadata, 160))) : null,
      el('p', { class: 'muted' }, `${c.messageCount} message${c.messageCount === 1 ? '' : 's'} · updated `, timeNode(c.updatedAt)),
    );
  }

  // ---- A conversation as a transcript ----

  async function transcriptView(id, params, stale) {
    const seq = Number.parseInt(params.get('seq') || '', 10);
    const terms = params.get('q') ? queryTerms(params.get('q')) : null;
    const path = 'v1/conversations/' + encodeURIComponent(id);
    const windowed = Number.isInteger(seq) && seq > 0;
    const [conversation, history] = await Promise.all([
      api('GET', path),
      api('GET', path + '/messages' + (windowed ? query([['after', Math.max(0, seq - 11)], ['limit', HISTORY_PAGE]]) : query([['last', HISTORY_PAGE]]))),
    ]);
    if (stale()) {
      return;
    }
    document.title = (conversation.title || 'Untitled conversation') + ' · Colloquy console';
    let messages = history.items;
    const transcript = el('ol', { class: 'transcript', 'aria-label': 'Messages' });
    const earlier = el('button', { type: 'button' }, 'Load earlier messages');
    const later = el('button', { type: 'button' }, 'Load later messages');
    const status = el('div', { 'aria-live': 'polite' });

    // Later messages exist only past a window opened at a hit that filled its page.
    let moreLater = windowed && history.items.length === HISTORY_PAGE;
    const refreshButtons = () => {
      earlier.hidden = messages.length === 0 || messages[0].seq <= 1;
      later.hidden = !moreLater;
    };
    const load = async (before) => {
      try {
        const edge = before ? ['before', messages[0].seq] : ['after', messages[messages.length - 1].seq];
        const page = await api('GET', path + '/messages' + query([edge, ['limit', HISTORY_PAGE]]));
        const nodes = page.items.map((m) => messageNode(m, terms, seq));
        if (before) {
          messages = page.items.concat(messages);
          transcript.prepend(...nodes);
        } else {
          messages = messages.concat(page.items);
          transcript.append(...nodes);
          moreLater = page.items.length === HISTORY_PAGE;
        }
        refreshButtons();
        status.textContent = `${page.items.length} ${before ? 'earlier' : 'later'} message${page.items.length === 1 ? '' : 's'} loaded.`;
      } catch (error) {
        status.replaceChildren(alertBox(error.message));
      }
    };
    earlier.addEventListener('click', () => load(true));
    later.addEventListener('click', () => load(false));
    transcript.append(...messages.map((m) => messageNode(m, terms, seq)));
    refreshButtons();

    show(
      conversationHeader(conversation, path),
      el('div', { class: 'more' }, earlier),
      messages.length ? transcript : el('p', { class: 'empty' }, 'This conversation has no messages.'),
      el('div', { class: 'more' }, later),
      status,
    );
    const target = windowed ? document.getElementById('m-' + seq) : null;
    if (target) {
      target.scrollIntoView({ block: 'center' });
      target.focus({ preventScroll: true });
    }
  }

  function conversationHeader(c, path) {
    const error = el('div', { 'aria-live': 'polite' });
    const title = el('input', { type: 'text', name: 'title', value: c.title || '', maxlength: 1000 });
    const tags = el('input', { type: 'text', name: 'tags', value: (c.tags || []).join(', '), spellcheck: 'false' });
    const editor = el(
      'form',
      { class: 'editor', hidden: true, 'aria-label': 'Edit conversation' },
      field('Title', title, 'empty for no title'),
      field('Tags', tags, 'separated by commas'),
      el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary' }, 'Save'), el('button', { type: 'button', onclick: () => toggle(false) }, 'Cancel')),
    );
    const edit = el('button', { type: 'button', 'aria-expanded': 'false', onclick: () => toggle(editor.hidden) }, 'Edit');
    const remove = el('button', { type: 'button', class: 'danger' }, 'Delete');
    function toggle(open) {
      editor.hidden = !open;
      edit.setAttribute('aria-expanded', String(open));
      if (open) {
        title.focus();
      }
    }
    editor.addEventListener('submit', async (event) => {
      event.preventDefault();
      const patch = {
        title: title.value.trim() === '' ? null : title.value,
        tags: tags.value.split(',').map((t) => t.trim()).filter((t) => t),
      };
      try {
        await api('PATCH', path, patch, { contentType: 'application/merge-patch+json' });
        render();
      } catch (e) {
        error.replaceChildren(alertBox(e.message));
      }
    });
    guarded(
      remove,
      () => [
        'Delete this conversation?',
        `“${c.title || 'Untitled conversation'}” and its ${c.messageCount} message${c.messageCount === 1 ? '' : 's'} will be deleted for good.`,
        'Delete conversation',
      ],
      async () => {
        await api('DELETE', path);
        go('conversations');
      },
      error,
    );
    return el(
      'section',
      { class: 'conversation', 'aria-labelledby': 'conversation-title' },
      el('p', {}, el('a', { href: '#/conversations' }, '← Conversations')),
      el('h1', { id: 'conversation-title' }, c.title || 'Untitled conversation'),
      c.key ? el('p', { class: 'key' }, 'Key ', el('code', {}, c.key)) : null,
      tagList(c.tags),
      el('p', { class: 'muted' }, `${c.messageCount} message${c.messageCount === 1 ? '' : 's'} · created `, timeNode(c.createdAt), ' · updated ', timeNode(c.updatedAt)),
      hasKeys(c.metadata) ? el('details', { class: 'meta' }, el('summary', {}, 'Metadata'), el('pre', {}, json(c.metadata))) : null,
      el('div', { class: 'actions' }, edit, remove),
      editor,
      error,
    );
  }

  /** A long text shows its start and a button that unfolds the rest. */
  function foldable(text, terms, className) {
    const box = el('div', { class: className });
    const lines = text.split('\n');
    const long = text.length > FOLD_CHARACTERS || lines.length > FOLD_LINES;
    if (!long) {
      box.append(highlighted(text, terms));
      return box;
    }
    const short = lines.slice(0, FOLD_LINES).join('\n').slice(0, FOLD_CHARACTERS);
    const body = el('div', { class: 'folded' });
    const button = el('button', { type: 'button', class: 'link', 'aria-expanded': 'false' });
    const set = (open) => {
      body.replaceChildren(highlighted(open ? text : short + '…', terms));
      button.textContent = open ? 'Show less' : `Show all ${text.length.toLocaleString()} characters`;
      button.setAttribute('aria-expanded', String(open));
    };
    button.addEventListener('click', () => set(button.getAttribute('aria-expanded') !== 'true'));
    set(false);
    box.append(body, button);
    return box;
  }

  function safeLink(url, text) {
    let parsed = null;
    try {
      parsed = new URL(url);
    } catch (e) {
      parsed = null;
    }
    if (parsed && (parsed.protocol === 'https:' || parsed.protocol === 'http:')) {
      return el('a', { href: parsed.href, rel: 'noopener noreferrer nofollow', target: '_blank' }, text);
    }
    return el('code', {}, text);
  }

  function partNode(part, terms) {
    if (part.type === 'text') {
      return foldable(part.text || '', terms, 'text part');
    }
    if (part.type === 'reasoning') {
      return el('details', { class: 'reasoning' }, el('summary', {}, 'Reasoning'), foldable(part.text || '', null, 'text'));
    }
    const label = [part.type, part.mimeType, part.name].filter((x) => x).join(' · ');
    const source = part.url
      ? safeLink(part.url, part.url)
      : el('span', { class: 'muted' }, `inline data, about ${Math.floor(((part.data || '').length * 3) / 4).toLocaleString()} bytes`);
    return el('div', { class: 'media part' }, el('span', { class: 'label' }, label), ' ', source);
  }

  function argumentsText(text) {
    if (text === undefined || text === null) {
      return '';
    }
    try {
      return json(JSON.parse(text));
    } catch (e) {
      return String(text);
    }
  }

  function messageNode(m, terms, hitSeq) {
    const isHit = m.seq === hitSeq;
    const body = [];
    if (m.content !== null && m.content !== undefined) {
      body.push(foldable(m.content, terms, 'text'));
    }
    for (const part of m.parts || []) {
      body.push(partNode(part, terms));
    }
    for (const call of m.toolCalls || []) {
      body.push(
        el(
          'div',
          { class: 'tool-call' },
          el('p', { class: 'label' }, 'Tool call ', el('code', {}, call.name), call.id ? el('span', { class: 'muted' }, ' · ' + call.id) : null),
          call.arguments !== undefined ? el('pre', {}, argumentsText(call.arguments)) : null,
        ),
      );
    }
    for (const result of m.toolResults || []) {
      body.push(
        el(
          'div',
          { class: 'tool-result' + (result.isError ? ' error' : '') },
          el(
            'p',
            { class: 'label' },
            result.isError ? 'Tool error' : 'Tool result',
            result.toolName ? [' ', el('code', {}, result.toolName)] : null,
            result.toolCallId ? el('span', { class: 'muted' }, ' · for ' + result.toolCallId) : null,
          ),
          result.content !== undefined && result.content !== null ? foldable(String(result.content), terms, 'text') : null,
        ),
      );
    }
    if (hasKeys(m.metadata)) {
      body.push(el('details', { class: 'meta' }, el('summary', {}, 'Metadata'), el('pre', {}, json(m.metadata))));
    }
    return el(
      'li',
      {
        class: `message role-${ROLES.includes(m.role) ? m.role : 'other'}${isHit ? ' hit' : ''}`,
        id: 'm-' + m.seq,
        'data-seq': m.seq,
        'data-role': m.role,
        tabindex: isHit ? '-1' : undefined,
        'aria-label': `${m.role} message ${m.seq}${isHit ? ', search hit' : ''}`,
      },
      el(
        'div',
        { class: 'message-head' },
        el('span', { class: 'role' }, m.role),
        m.name ? el('span', { class: 'name' }, m.name) : null,
        timeNode(m.createdAt),
        el('span', { class: 'seq muted' }, '#' + m.seq),
      ),
      body,
    );
  }

  // ---- Search ----

  async function searchView(params, stale) {
    document.title = 'Search · Colloquy console';
    const q = el('input', { type: 'search', name: 'q', value: params.get('q') || '', spellcheck: 'false' });
    const role = el('select', { name: 'role' }, el('option', { value: '' }, 'Any role'), ROLES.map((r) => el('option', { value: r, selected: params.get('role') === r }, r)));
    const tag = el('select', { name: 'tag' }, el('option', { value: '' }, 'Any tag'));
    const conversation = el('input', { type: 'text', name: 'conversationId', value: params.get('conversationId') || '', spellcheck: 'false' });
    const since = el('input', { type: 'datetime-local', name: 'since', value: localInputOf(params.get('since')) });
    const until = el('input', { type: 'datetime-local', name: 'until', value: localInputOf(params.get('until')) });
    const metadata = el('textarea', { name: 'metadata', rows: 2, spellcheck: 'false' });
    metadata.value = params.getAll('metadata').join('\n');
    const limit = el('input', { type: 'number', name: 'limit', min: 1, max: 1000, value: params.get('limit') || PAGE_SIZE });
    const form = el(
      'form',
      { class: 'filters search', role: 'search', 'aria-label': 'Search messages' },
      field('Query', q, 'words; "a phrase"; prefix*; -excluded'),
      field('Role', role),
      field('Tag', tag),
      field('Conversation id', conversation),
      field('Since', since, 'in your time zone'),
      field('Until', until, 'in your time zone, not included'),
      field('Message metadata', metadata, 'KEY=VALUE, one per line'),
      field('Results', limit),
      el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary' }, 'Search')),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      go('search', [
        ['q', q.value],
        ['role', role.value],
        ['tag', tag.value],
        ['conversationId', conversation.value.trim()],
        ['since', instantOf(since.value)],
        ['until', instantOf(until.value)],
        ...metadataParams(metadata.value),
        ['limit', limit.value],
      ]);
    });
    const tagsLoaded = tagOptions(tag, params.get('tag'));
    const text = params.get('q');
    if (!text) {
      await tagsLoaded;
      if (!stale()) {
        show(el('h1', {}, 'Search'), form);
        q.focus();
      }
      return;
    }
    const filters = [
      ['q', text],
      ['role', params.get('role')],
      ['tag', params.get('tag')],
      ['conversationId', params.get('conversationId')],
      ['since', params.get('since')],
      ['until', params.get('until')],
      ...params.getAll('metadata').map((m) => ['metadata', m]),
      ['limit', params.get('limit') || PAGE_SIZE],
    ];
    let results;
    try {
      results = await api('GET', 'v1/search' + query(filters));
    } catch (error) {
      await tagsLoaded;
      if (!stale()) {
        show(el('h1', {}, 'Search'), form, alertBox(error.message));
      }
      return;
    }
    const titles = await conversationTitles(results.items.map((hit) => hit.conversationId));
    await tagsLoaded;
    if (stale()) {
      return;
    }
    const terms = queryTerms(text);
    const summary = el(
      'p',
      { role: 'status' },
      results.items.length === 0 ? 'Nothing found.' : `${results.items.length} hit${results.items.length === 1 ? '' : 's'}, best first.`,
    );
    const capped = results.capped
      ? el('p', { class: 'notice' }, 'More messages matched than are ranked: these are the best among the newest 1,000 matches. Narrow the search to rank among fewer.')
      : null;
    const hits = el('ol', { class: 'cards hits' }, results.items.map((hit) => hitNode(hit, titles, terms, text)));
    show(el('h1', {}, 'Search'), form, summary, capped, results.items.length ? hits : null);
  }

  async function conversationTitles(ids) {
    const titles = new Map();
    await Promise.all(
      [...new Set(ids)].map(async (id) => {
        try {
          const c = await api('GET', 'v1/conversations/' + encodeURIComponent(id));
          titles.set(id, c.title || 'Untitled conversation');
        } catch (e) {
          titles.set(id, 'Conversation ' + id);
        }
      }),
    );
    return titles;
  }

  function hitNode(hit, titles, terms, text) {
    const target =
      '#/c/' + encodeURIComponent(hit.conversationId) + query(hit.kind === 'message' ? [['seq', hit.seq], ['q', text]] : [['q', text]]);
    const where = hit.kind === 'message' ? `${hit.role} message #${hit.seq}` : 'title';
    return el(
      'li',
      { class: 'card hit-' + hit.kind },
      el('h2', {}, el('a', { href: target }, titles.get(hit.conversationId))),
      el('p', { class: 'snippet' }, highlighted(hit.snippet || '', terms)),
      el('p', { class: 'muted' }, where, ' · ', timeNode(hit.createdAt), ` · score ${Number(hit.score).toFixed(3)}`),
    );
  }

  // ---- Projects and tokens (admin tokens only) ----

  async function projectsView(stale) {
    document.title = 'Projects · Colloquy console';
    const projects = await api('GET', 'v1/projects');
    if (stale()) {
      return;
    }
    const name = el('input', { type: 'text', name: 'name', required: true, maxlength: 200 });
    const error = el('div', { 'aria-live': 'polite' });
    const form = el(
      'form',
      { class: 'inline', 'aria-label': 'New project' },
      field('New project name', name),
      el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary' }, 'Create project')),
      error,
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const created = await api('POST', 'v1/projects', { name: name.value });
        go('projects/' + encodeURIComponent(created.id));
      } catch (e) {
        error.replaceChildren(alertBox(e.message));
      }
    });
    const rows = projects.items.map((p) =>
      el('tr', {}, el('th', { scope: 'row' }, el('a', { href: '#/projects/' + encodeURIComponent(p.id) }, p.name)), el('td', {}, el('code', {}, p.id)), el('td', {}, timeNode(p.createdAt))),
    );
    show(
      el('h1', {}, 'Projects'),
      form,
      el(
        'div',
        { class: 'table' },
        el(
          'table',
          {},
          el('caption', { class: 'visually-hidden' }, 'Projects'),
          el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Name'), el('th', { scope: 'col' }, 'Id'), el('th', { scope: 'col' }, 'Created'))),
          el('tbody', {}, rows),
        ),
      ),
    );
  }

  async function projectView(id, stale) {
    const projects = await api('GET', 'v1/projects');
    const project = projects.items.find((p) => p.id === id);
    if (!project) {
      if (!stale()) {
        show(el('p', {}, el('a', { href: '#/projects' }, '← Projects')), el('h1', {}, 'Not found'), alertBox('There is no project with this id.'));
      }
      return;
    }
    const path = 'v1/projects/' + encodeURIComponent(id);
    const tokens = await api('GET', path + '/tokens');
    if (stale()) {
      return;
    }
    document.title = project.name + ' · Colloquy console';
    const error = el('div', { 'aria-live': 'polite' });
    const issued = el('div', { 'aria-live': 'polite' });
    const name = el('input', { type: 'text', name: 'name', required: true, maxlength: 200 });
    const isAdmin = el('input', { type: 'checkbox', name: 'admin' });
    const expires = el('input', { type: 'datetime-local', name: 'expiresAt' });
    const form = el(
      'form',
      { class: 'inline', 'aria-label': 'New token' },
      field('New token name', name),
      el('div', { class: 'field check' }, isAdmin, el('label', { for: 'token-admin' }, 'Admin token (may manage projects and tokens)')),
      field('Expires', expires, 'optional, in your time zone'),
      el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary' }, 'Create token')),
    );
    isAdmin.id = 'token-admin';
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = { name: name.value, admin: isAdmin.checked };
      const at = instantOf(expires.value);
      if (at) {
        body.expiresAt = at;
      }
      try {
        const created = await api('POST', path + '/tokens', body);
        name.value = '';
        expires.value = '';
        isAdmin.checked = false;
        const secret = el('code', { class: 'secret', id: 'new-secret' }, created.secret);
        const copy = el('button', { type: 'button' }, 'Copy');
        copy.addEventListener('click', async () => {
          try {
            await navigator.clipboard.writeText(created.secret);
            copy.textContent = 'Copied';
          } catch (e) {
            copy.textContent = 'Select and copy it by hand';
          }
        });
        issued.replaceChildren(
          el(
            'div',
            { class: 'notice', role: 'status' },
            el('p', {}, `The secret of “${created.name}”, shown only now: copy it before you leave this page.`),
            el('p', {}, secret, ' ', copy),
          ),
        );
        await reloadTokens();
      } catch (e) {
        error.replaceChildren(alertBox(e.message));
      }
    });
    const tokenRow = (t) => {
      const revoke = t.revokedAt
        ? el('span', { class: 'muted' }, 'revoked ', timeNode(t.revokedAt))
        : el('button', { type: 'button', class: 'danger small' }, 'Revoke');
      if (!t.revokedAt) {
        guarded(
          revoke,
          () => ['Revoke this token?', `“${t.name}” stops working at once, on every instance.`, 'Revoke token'],
          async () => {
            await api('DELETE', 'v1/tokens/' + encodeURIComponent(t.id));
            await reloadTokens();
          },
          error,
        );
      }
      return el(
        'tr',
        { 'data-token': t.id },
        el('th', { scope: 'row' }, t.name),
        el('td', {}, t.admin ? 'admin' : 'project'),
        el('td', {}, timeNode(t.createdAt)),
        el('td', {}, t.expiresAt ? timeNode(t.expiresAt) : el('span', { class: 'muted' }, 'never')),
        el('td', {}, timeNode(t.lastUsedAt)),
        el('td', {}, revoke),
      );
    };
    const tokenTable = el('tbody', {}, tokens.items.map(tokenRow));
    const reloadTokens = async () => tokenTable.replaceChildren(...(await api('GET', path + '/tokens')).items.map(tokenRow));
    const remove = el('button', { type: 'button', class: 'danger' }, 'Delete project');
    guarded(
      remove,
      () => ['Delete this project?', `“${project.name}”, all its conversations, messages and tokens will be deleted for good.`, 'Delete project'],
      async () => {
        await api('DELETE', path);
        go('projects');
      },
      error,
    );
    show(
      el('p', {}, el('a', { href: '#/projects' }, '← Projects')),
      el('h1', {}, project.name),
      el('p', { class: 'muted' }, 'Project ', el('code', {}, project.id), ' · created ', timeNode(project.createdAt)),
      el('h2', {}, 'Tokens'),
      form,
      issued,
      error,
      el(
        'div',
        { class: 'table' },
        el(
          'table',
          {},
          el('caption', { class: 'visually-hidden' }, 'Tokens'),
          el(
            'thead',
            {},
            el('tr', {}, ['Name', 'Kind', 'Created', 'Expires', 'Last used', ''].map((h) => el('th', { scope: 'col' }, h))),
          ),
          tokenTable,
        ),
      ),
      el('div', { class: 'actions danger-zone' }, remove),
    );
  }

  // ---- Start ----

  window.addEventListener('hashchange', () => render());
  if (token()) {
    detectAdmin().then(() => render());
  } else {
    render();
  }
})();
