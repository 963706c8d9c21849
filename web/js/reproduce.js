// The Reproduce page: start a reproduction of paper A on the server, watch it experiment by
// experiment, and open its report (served from the data folder; it also opens from the disk).

const el = (tag, text, attrs = {}) => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};

export class ReproduceView {
  constructor(root) {
    this.root = root;
    this.selected = null;
    root.querySelector('form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.create();
    });
  }

  async show() {
    await this.refresh();
    clearInterval(this.timer);
    this.timer = setInterval(() => this.refresh(), 2000);
  }

  hide() {
    clearInterval(this.timer);
  }

  async create() {
    const profile = this.root.querySelector('form').profile.value;
    const error = this.root.querySelector('.error');
    const r = await fetch('/api/reproductions', { method: 'POST',
      body: JSON.stringify({ profile }), headers: { 'content-type': 'application/json' } });
    const answer = await r.json();
    if (!r.ok) {
      error.textContent = `${answer.field}: ${answer.message}`;
      return;
    }
    error.textContent = '';
    this.selected = answer.id;
    await this.refresh();
  }

  async cancel(id) {
    await fetch(`/api/reproductions/${id}/cancel`, { method: 'POST' });
    await this.refresh();
  }

  async refresh() {
    const r = await fetch('/api/reproductions');
    const { reproductions } = await r.json();
    this.reproductions = reproductions;
    if (this.selected === null && reproductions.length) this.selected = reproductions[0].id;
    const body = this.root.querySelector('tbody');
    body.replaceChildren(...reproductions.map((p) => this.row(p)));
    const empty = this.root.querySelector('.empty');
    empty.textContent = reproductions.length ? ''
      : 'No reproduction yet: start one to run paper A\'s experiments and compare with its numbers.';
    this.detail(reproductions.find((p) => p.id === this.selected));
  }

  row(p) {
    const tr = el('tr', undefined, { 'data-id': p.id });
    tr.classList.toggle('selected', p.id === this.selected);
    tr.addEventListener('click', () => {
      this.selected = p.id;
      this.refresh();
    });
    const left = p.seconds_left === undefined ? ''
      : p.seconds_left < 120 ? `, about ${Math.round(p.seconds_left)} s left`
        : p.seconds_left < 7200 ? `, about ${Math.round(p.seconds_left / 60)} min left`
          : `, about ${(p.seconds_left / 3600).toFixed(1)} h left`;
    tr.append(el('td', `#${p.id}`), el('td', p.profile), el('td', p.state + left),
      el('td', `${p.experiments_done} of ${p.experiments}`),
      el('td', p.comparisons ? `${p.comparisons_passed} of ${p.comparisons} within tolerance` : '–'));
    const last = el('td');
    if (p.experiments_done > 0) {
      last.append(el('a', 'report', { href: p.report, target: '_blank', rel: 'noopener' }));
    }
    if (p.state === 'running') {
      const stop = el('button', 'Cancel');
      stop.addEventListener('click', (e) => {
        e.stopPropagation();
        this.cancel(p.id);
      });
      last.append(' ', stop);
    }
    tr.append(last);
    return tr;
  }

  /** The chosen reproduction's experiments: done ones with their comparisons, then the current. */
  detail(p) {
    const list = this.root.querySelector('ol');
    const title = this.root.querySelector('h2');
    if (!p) {
      title.textContent = '';
      list.replaceChildren();
      return;
    }
    title.textContent = `Reproduction #${p.id} (${p.profile}): ${p.state}`
      + (p.error ? `: ${p.error}` : '');
    const items = p.results.map((e) => {
      const li = el('li');
      li.append(el('span', e.title), ' ', el('span', `${e.passed} of ${e.comparisons}`,
        { class: e.passed === e.comparisons ? 'pass' : 'fail' }),
      el('span', ` within tolerance, ${e.seconds.toFixed(1)} s`));
      return li;
    });
    if (p.current) items.push(el('li', `${p.current}: running…`, { class: 'current' }));
    list.replaceChildren(...items);
  }
}
