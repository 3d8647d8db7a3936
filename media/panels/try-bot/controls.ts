// The bot's parameter controls as Poe's users see them: sections (folding), tabs, switches, sliders, lists, text,
// aspect ratios, dividers and conditional groups. Built from the extension's render model; a change is sent to the
// extension, which answers with the values and what is hidden (it owns the state).

import type { ParamValue, ParamValues, RenderControl, RenderItem, RenderSection } from '../../../src/botfile/controlValues';
import type { ControlsView, Labels } from '../../../src/workbench/panels/tryBot/protocol';
import { domId, h } from './dom';

export interface ControlsHost {
  labels: Labels;
  change(name: string, value: ParamValue): void;
  reset(): void;
  /** Sections folded or open, and selected tabs, as the user left them. */
  open: Record<string, boolean>;
  tabs: Record<string, number>;
  remember(): void;
}

type ValueElement = HTMLElement & { value: string; checked?: boolean; disabled: boolean };

export function renderControls(view: ControlsView, host: ControlsHost): HTMLElement {
  const root = h('div', { class: 'sections' });
  if (view.note) root.append(h('p', { class: 'note' }, view.note));
  for (const s of view.sections) root.append(section(s, host, view.editable));
  if (view.editable) root.append(h('vscode-button', { secondary: true, class: 'reset', onclick: () => host.reset() }, host.labels.reset));
  applyControls(root, view.values, view.hidden);
  return root;
}

/** Puts values into the controls (except the one being edited) and shows or hides the conditional groups. */
export function applyControls(root: HTMLElement, values: ParamValues, hidden: readonly string[]): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-cond]')) el.hidden = hidden.includes(el.dataset.cond!);
  for (const el of root.querySelectorAll<ValueElement>('[data-param]')) {
    const v = values[el.dataset.param!];
    if (v === undefined || el === document.activeElement || el.contains(document.activeElement)) continue;
    if (el.dataset.kind === 'toggle_switch') el.checked = v === true;
    else if (el.dataset.kind === 'aspect_ratio') {
      for (const r of el.querySelectorAll<HTMLInputElement>('input')) r.checked = r.value === v;
    } else {
      el.value = String(v);
      if (el.dataset.kind === 'slider') (el.nextElementSibling as HTMLOutputElement).value = String(v);
    }
  }
}

function section(s: RenderSection, host: ControlsHost, editable: boolean): HTMLElement {
  // A section with no name that starts open has nothing to fold by: its controls stand on their own.
  const details = s.name === undefined && !s.collapsed ? h('div', { class: 'section plain' })
    : h('details', { class: 'section', open: host.open[s.id] ?? !s.collapsed,
      ontoggle: () => { host.open[s.id] = (details as HTMLDetailsElement).open; host.remember(); } },
    h('summary', {}, s.name ?? host.labels.parameters));
  if (s.children) details.append(items(s.children, host, editable));
  if (s.tabs) {
    const tabs = h('vscode-tabs', { 'selected-index': host.tabs[s.id] ?? 0,
      'onvsc-tabs-select': (e: Event) => { host.tabs[s.id] = (e as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex; host.remember(); } });
    for (const t of s.tabs) tabs.append(h('vscode-tab-header', { slot: 'header' }, t.name), h('vscode-tab-panel', {}, items(t.children, host, editable)));
    details.append(tabs);
  }
  return details;
}

function items(list: readonly RenderItem[], host: ControlsHost, editable: boolean): HTMLElement {
  const box = h('div', { class: 'controls' });
  for (const item of list) {
    if (item.kind === 'divider') box.append(h('vscode-divider', { role: 'separator' }));
    else if (item.kind === 'condition') box.append(h('div', { class: 'condition', 'data-cond': item.id }, items(item.children, host, editable)));
    else box.append(control(item, host, editable));
  }
  return box;
}

function control(c: RenderControl, host: ControlsHost, editable: boolean): HTMLElement {
  const id = domId('ctl', c.id);
  const desc = c.description ? h('p', { class: 'description', id: `${id}-desc` }, c.description) : undefined;
  const common = { id, 'data-param': c.param, 'data-kind': c.control, disabled: !editable, 'aria-describedby': desc ? `${id}-desc` : undefined };
  const label = h('label', { for: id, class: 'label' }, c.label);
  const send = (value: ParamValue) => host.change(c.param, value);
  let field: HTMLElement;
  switch (c.control) {
    case 'toggle_switch':
      field = h('vscode-checkbox', { ...common, toggle: true, label: c.label, onchange: (e: Event) => send((e.target as ValueElement).checked === true) });
      return h('div', { class: 'field' }, field, desc);
    case 'slider': {
      const out = h('output', { for: id, class: 'slider-value' });
      const range = h('input', { ...common, type: 'range', min: c.min, max: c.max, step: c.step,
        oninput: () => { out.value = range.value; send(Number(range.value)); } });
      field = h('div', { class: 'slider' }, range, out);
      break;
    }
    case 'number_field':
      field = h('vscode-textfield', { ...common, type: 'number', label: c.label, min: c.min, max: c.max, step: c.step,
        oninput: (e: Event) => { const n = Number((e.target as ValueElement).value); if ((e.target as ValueElement).value !== '' && Number.isFinite(n)) send(n); } });
      break;
    case 'drop_down': {
      const select = h('select', { ...common, onchange: () => send(select.value) });
      for (const o of c.options ?? []) select.append(h('option', { value: o.value }, o.name));
      field = select;
      break;
    }
    case 'aspect_ratio':
      return aspectRatio(c, common, desc, send);
    case 'text_area':
      field = h('vscode-textarea', { ...common, label: c.label, placeholder: c.placeholder, rows: 3, resize: 'vertical', oninput: (e: Event) => send((e.target as ValueElement).value) });
      break;
    default:
      field = h('vscode-textfield', { ...common, label: c.label, placeholder: c.placeholder, oninput: (e: Event) => send((e.target as ValueElement).value) });
  }
  return h('div', { class: 'field' }, label, field, desc);
}

/** Poe shows shapes to pick from; here, a radio group of little frames drawn to each ratio. */
function aspectRatio(c: RenderControl, common: Record<string, string | boolean | undefined>, desc: HTMLElement | undefined, send: (v: ParamValue) => void): HTMLElement {
  const labelId = `${common.id}-label`;
  const group = h('div', { ...common, role: 'radiogroup', 'aria-labelledby': labelId, class: 'ratios', disabled: undefined });
  for (const o of c.options ?? []) {
    const shape = h('span', { class: 'shape', 'aria-hidden': 'true' });
    const side = Math.max(o.width ?? 1, o.height ?? 1);
    // CSSOM, not a style attribute: the page's policy allows no inline styles.
    shape.style.width = `${Math.round(24 * (o.width ?? 1) / side)}px`;
    shape.style.height = `${Math.round(24 * (o.height ?? 1) / side)}px`;
    const radio = h('input', { type: 'radio', name: String(common.id), value: o.value, disabled: common.disabled, onchange: () => send(o.value) });
    group.append(h('label', { class: 'ratio' }, radio, shape, h('span', {}, o.name)));
  }
  return h('div', { class: 'field' }, h('span', { class: 'label', id: labelId }, c.label), group, desc);
}
