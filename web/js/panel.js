// The parameter panel, built from GET /api/families: a form for the loss, the run, the plane's
// axes or the line's levels. Invalid values are marked at their field with the server's words.

import { axisText, parseAxis } from './state.js';

/** The network family's own fields, shown only for it. */
const NETWORK_FIELDS = ['inputs', 'hidden', 'points', 'activation', 'seed', 'batch', 'offset'];
/** Fields every loss family shares (the network has only eta and steps of them). */
const RUN_FIELDS = ['dim', 'x0', 'steps', 'bound'];
/** The optimizers' parameters, each shown for the optimizers that use it. */
const OPTIMIZER_FIELDS = ['beta', 'beta1', 'beta2', 'adam-eps'];
/** Fixed parameters an axis may take over. */
const AXIS_FIELDS = ['eps', 'lambda', 'eps2', 'lambda2', 'x0', 'eta', 'offset',
  ...OPTIMIZER_FIELDS];

export class Panel {
  /** @param hooks {onApply(partialState)} */
  constructor(root, families, hooks) {
    this.root = root;
    this.families = families;
    this.hooks = hooks;
    this.build();
  }

  build() {
    const f = this.families;
    const field = (name, label, extra = '') => {
      const spec = f.parameters[name] || {};
      const hint = [spec.description, rangeText(spec)].filter(Boolean).join('; ');
      return `<label data-field="${name}" title="${hint}"><span>${label}</span>
        <input name="${name}" ${extra} placeholder="${spec.default ?? ''}">
        <em class="error"></em></label>`;
    };
    const choice = (name, label) => {
      const spec = f.parameters[name] || {};
      return `<label data-field="${name}" title="${spec.description ?? ''}"><span>${label}</span>
        <select name="${name}">${(spec.choices || []).map((c) => `<option>${c}</option>`)
          .join('')}</select><em class="error"></em></label>`;
    };
    const axis = (which) => `<fieldset class="axis" data-field="${which}">
      <legend>${which === 'x' ? 'x axis (across)' : 'y axis (up)'}</legend>
      <select name="${which}-axis"></select>
      <input name="${which}-min" size="7" aria-label="${which} min">
      <input name="${which}-max" size="7" aria-label="${which} max">
      <label class="log"><input type="checkbox" name="${which}-log"> log</label>
      <em class="error"></em></fieldset>`;
    this.root.innerHTML = `<form>
      <label data-field="family"><span>family</span><select name="family">
        ${f.families.map((x) => `<option value="${x.id}">${x.id}</option>`).join('')}</select>
        <em class="error"></em></label>
      <p class="formula"></p>
      ${field('eps', 'ε')}${field('lambda', 'λ')}${field('eps2', 'ε₂')}${field('lambda2', 'λ₂')}
      ${field('dim', 'dimension n')}${field('x0', 'x₀')}${field('steps', 'steps T')}
      ${field('bound', 'bound B')}
      ${field('inputs', 'inputs d')}${field('hidden', 'hidden units n')}
      ${field('points', 'data points P')}${choice('activation', 'activation')}
      ${field('seed', 'seed')}${field('batch', 'minibatch B (0: full)')}
      ${field('offset', 'W0 offset c')}
      ${choice('optimizer', 'optimizer')}${field('beta', 'momentum β')}
      ${field('beta1', 'Adam β₁')}${field('beta2', 'Adam β₂')}${field('adam-eps', 'Adam ε')}
      <div class="plane-only">${field('eta', 'η (fixed)')}${axis('x')}${axis('y')}</div>
      <div class="line-only">${field('levels', 'levels N')}${field('eta-min', 'η min')}
        ${field('eta-max', 'η max')}</div>
      <button type="submit">Compute</button>
      <p class="error general"></p>
    </form>`;
    const form = this.root.querySelector('form');
    form.family.addEventListener('change', () => this.showFamilyFields());
    form.optimizer.addEventListener('change', () => this.showFamilyFields());
    form['x-axis'].addEventListener('change', () => this.markAxisFields());
    form['y-axis'].addEventListener('change', () => this.markAxisFields());
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.hooks.onApply(this.read());
    });
  }

  /** Fills the form from a state. */
  fill(state) {
    this.mode = state.mode;
    this.root.classList.toggle('line-mode', state.mode === 'line');
    const form = this.root.querySelector('form');
    for (const name of ['family', 'eps', 'lambda', 'eps2', 'lambda2', 'dim', 'x0', 'steps',
      'bound', 'eta', ...NETWORK_FIELDS, 'optimizer', ...OPTIMIZER_FIELDS]) {
      form[name].value = state.params[name] ?? '';
    }
    if (!form.family.value) form.family.value = 'additive';
    if (!form.activation.value) form.activation.value = 'tanh';
    if (!form.optimizer.value) form.optimizer.value = 'gd';
    this.fillAxisChoices();
    for (const which of ['x', 'y']) {
      const a = parseAxis(state.plane[which]) || { axis: 'eta', min: 0, max: 1, scale: 'linear' };
      form[`${which}-axis`].value = a.axis;
      form[`${which}-min`].value = a.min;
      form[`${which}-max`].value = a.max;
      form[`${which}-log`].checked = a.scale === 'log';
    }
    form.levels.value = state.line.levels;
    form['eta-min'].value = state.line.etaMin;
    form['eta-max'].value = state.line.etaMax;
    this.showFamilyFields();
    this.clearErrors();
  }

  /** On a plane, a parameter on an axis has no fixed value: its field is shown disabled. */
  markAxisFields() {
    const form = this.root.querySelector('form');
    const onAxis = {};
    if (this.mode === 'plane') {
      onAxis[form['x-axis'].value] = 'x';
      onAxis[form['y-axis'].value] = 'y';
    }
    for (const name of AXIS_FIELDS) {
      const input = form[name];
      input.disabled = Boolean(onAxis[name]);
      if (input.disabled) input.value = '';
      const spec = this.families.parameters[name] || {};
      input.placeholder = onAxis[name] ? `on the ${onAxis[name]} axis` : (spec.default ?? '');
    }
  }

  /** The form as a partial state (params, plane axes, line levels). */
  read() {
    const form = this.root.querySelector('form');
    const family = this.families.families.find((x) => x.id === form.family.value);
    const params = { family: form.family.value };
    for (const name of RUN_FIELDS) {
      if (family.run_parameters.includes(name)) params[name] = form[name].value.trim();
    }
    for (const name of family.parameters) params[name] = form[name].value.trim();
    const optimizer = this.optimizer();
    if (optimizer.id !== 'gd') params.optimizer = optimizer.id;
    for (const name of optimizer.parameters) params[name] = form[name].value.trim();
    const axes = {};
    for (const which of ['x', 'y']) {
      axes[which] = axisText({ axis: form[`${which}-axis`].value,
        min: form[`${which}-min`].value.trim(), max: form[`${which}-max`].value.trim(),
        scale: form[`${which}-log`].checked ? 'log' : 'linear' });
    }
    if (this.mode === 'plane') {
      params.eta = form.eta.value.trim();
      // A parameter on an axis takes no fixed value.
      for (const which of ['x', 'y']) delete params[form[`${which}-axis`].value];
    }
    return {
      params,
      plane: { x: axes.x, y: axes.y },
      line: { levels: Number(form.levels.value) || 16, etaMin: form['eta-min'].value.trim(),
        etaMax: form['eta-max'].value.trim() },
    };
  }

  /** The optimizer chosen, as /api/families lists it. */
  optimizer() {
    const form = this.root.querySelector('form');
    const list = this.families.optimizers || [];
    return list.find((o) => o.id === form.optimizer.value)
      || { id: 'gd', parameters: [], axes: [] };
  }

  /**
   * The axis menus hold the family's axes and the optimizer's; an axis they lack becomes the
   * family's first two.
   */
  fillAxisChoices() {
    const form = this.root.querySelector('form');
    const family = this.families.families.find((x) => x.id === form.family.value);
    const choices = [...family.axes, ...this.optimizer().axes];
    ['x', 'y'].forEach((which, k) => {
      const select = form[`${which}-axis`];
      const was = select.value;
      select.innerHTML = choices.map((a) => `<option>${a}</option>`).join('');
      select.value = choices.includes(was) ? was : family.axes[k];
    });
  }

  showFamilyFields() {
    const form = this.root.querySelector('form');
    const family = this.families.families.find((x) => x.id === form.family.value);
    const axesBefore = ['x', 'y'].map((w) => form[`${w}-axis`].value);
    this.fillAxisChoices();
    ['x', 'y'].forEach((w, k) => {
      // A new family's own axes start on its usual window (the network's: log10 -3 to 6).
      if (form[`${w}-axis`].value !== axesBefore[k] && family.id === 'mlp') {
        form[`${w}-min`].value = '0.001';
        form[`${w}-max`].value = '1000000';
        form[`${w}-log`].checked = true;
      }
    });
    for (const name of RUN_FIELDS) {
      form[name].closest('label').hidden = !family.run_parameters.includes(name);
    }
    for (const name of NETWORK_FIELDS) {
      form[name].closest('label').hidden = !family.parameters.includes(name);
    }
    const optimizer = this.optimizer();
    for (const name of OPTIMIZER_FIELDS) {
      form[name].closest('label').hidden = !optimizer.parameters.includes(name);
    }
    form.steps.placeholder = family.default_steps;
    this.markAxisFields();
    for (const name of ['eps', 'lambda', 'eps2', 'lambda2']) {
      const used = family.parameters.includes(name);
      form[name].closest('label').hidden = !used;
      if (used && !form[name].value && !form[name].disabled
          && family.suggested[name] !== undefined) {
        form[name].value = family.suggested[name];
      }
    }
    this.root.querySelector('.formula').textContent = family.formula;
  }

  clearErrors() {
    this.root.querySelectorAll('.invalid').forEach((e) => e.classList.remove('invalid'));
    this.root.querySelectorAll('.error').forEach((e) => { e.textContent = ''; });
  }

  /** Marks the field an error names, or shows it below the form when no field matches. */
  showError(error) {
    this.clearErrors();
    const name = error.field;
    const box = name && this.root.querySelector(`[data-field="${name}"]`);
    const target = box && !box.hidden ? box : null;
    if (target) {
      target.classList.add('invalid');
      target.querySelector('.error').textContent = error.message;
    } else {
      this.root.querySelector('.general').textContent = `${error.field ?? ''}: ${error.message}`;
    }
  }
}

function rangeText(spec) {
  if (spec.min !== undefined && spec.max !== undefined) return `${spec.min} to ${spec.max}`;
  const low = spec.greater_than !== undefined ? `> ${spec.greater_than}`
    : spec.min !== undefined ? `>= ${spec.min}` : '';
  if (spec.less_than !== undefined) return `${low}${low ? ' and ' : ''}< ${spec.less_than}`;
  if (spec.greater_than !== undefined) return `> ${spec.greater_than}`;
  if (spec.min !== undefined) return `>= ${spec.min}`;
  return '';
}
