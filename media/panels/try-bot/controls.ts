// The bot's parameter controls as Poe's users see them: sections (folding), tabs, switches, sliders, lists, text,
// aspect ratios, dividers and conditional groups. Built from the extension's render model; a change is sent to the
// extension, which answers with the values and what is hidden (it owns the state).

import type {
  ControlKind,
  ParamValue,
  ParamValues,
  RenderControl,
  RenderItem,
  RenderSection,
} from '../../../src/botfile/controlValues';
import type { ControlsView, Labels } from '../../../src/workbench/tryBot/protocol';
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
  if (view.editable)
    root.append(
      h('vscode-button', { secondary: true, class: 'reset', onclick: () => host.reset() }, host.labels.reset),
    );
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
  const details =
    s.name === undefined && !s.collapsed
      ? h('div', { class: 'section plain' })
      : h(
          'details',
          {
            class: 'section',
            open: host.open[s.id] ?? !s.collapsed,
            ontoggle: () => {
              host.open[s.id] = (details as HTMLDetailsElement).open;
              host.remember();
            },
          },
          h('summary', {}, s.name ?? host.labels.parameters),
        );
  if (s.children) details.append(items(s.children, host, editable));
  if (s.tabs) {
    const tabs = h('vscode-tabs', {
      'selected-index': host.tabs[s.id] ?? 0,
      'onvsc-tabs-select': (e: Event) => {
        host.tabs[s.id] = (e as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex;
        host.remember();
      },
    });
    for (const t of s.tabs)
      tabs.append(
        h('vscode-tab-header', { slot: 'header' }, t.name),
        h('vscode-tab-panel', {}, items(t.children, host, editable)),
      );
    details.append(tabs);
  }
  return details;
}

function items(list: readonly RenderItem[], host: ControlsHost, editable: boolean): HTMLElement {
  const box = h('div', { class: 'controls' });
  for (const item of list) {
    if (item.kind === 'divider') box.append(h('vscode-divider', { role: 'separator' }));
    else if (item.kind === 'condition')
      box.append(h('div', { class: 'condition', 'data-cond': item.id }, items(item.children, host, editable)));
    else box.append(control(item, host, editable));
  }
  return box;
}

type Common = Record<string, string | boolean | undefined>;
interface Parts {
  c: RenderControl;
  common: Common;
  label: HTMLElement;
  desc?: HTMLElement;
  send(value: ParamValue): void;
}
const labelled = (p: Parts, field: HTMLElement) => h('div', { class: 'field' }, p.label, field, p.desc);

/** One renderer per kind of control: a kind the table lacks is a type error, never a text box by default. */
const RENDER = {
  toggle_switch: (p) =>
    h(
      'div',
      { class: 'field' },
      h('vscode-checkbox', {
        ...p.common,
        toggle: true,
        label: p.c.label,
        onchange: (e: Event) => p.send((e.target as ValueElement).checked === true),
      }),
      p.desc,
    ),
  slider: (p) => {
    const out = h('output', { for: String(p.common.id), class: 'slider-value' });
    const range = h('input', {
      ...p.common,
      type: 'range',
      min: p.c.min,
      max: p.c.max,
      step: p.c.step,
      oninput: () => {
        out.value = range.value;
        p.send(Number(range.value));
      },
    });
    return labelled(p, h('div', { class: 'slider' }, range, out));
  },
  number_field: (p) =>
    labelled(
      p,
      h('vscode-textfield', {
        ...p.common,
        type: 'number',
        label: p.c.label,
        min: p.c.min,
        max: p.c.max,
        step: p.c.step,
        oninput: (e: Event) => {
          const n = Number((e.target as ValueElement).value);
          if ((e.target as ValueElement).value !== '' && Number.isFinite(n)) p.send(n);
        },
      }),
    ),
  drop_down: (p) => {
    const select = h('select', { ...p.common, onchange: () => p.send(select.value) });
    for (const o of p.c.options ?? []) select.append(h('option', { value: o.value }, o.name));
    return labelled(p, select);
  },
  aspect_ratio: (p) => aspectRatio(p.c, p.common, p.desc, p.send),
  text_area: (p) =>
    labelled(
      p,
      h('vscode-textarea', {
        ...p.common,
        label: p.c.label,
        placeholder: p.c.placeholder,
        rows: 3,
        resize: 'vertical',
        oninput: (e: Event) => p.send((e.target as ValueElement).value),
      }),
    ),
  text_field: (p) =>
    labelled(
      p,
      h('vscode-textfield', {
        ...p.common,
        label: p.c.label,
        placeholder: p.c.placeholder,
        oninput: (e: Event) => p.send((e.target as ValueElement).value),
      }),
    ),
} satisfies Record<ControlKind, (p: Parts) => HTMLElement>;

function control(c: RenderControl, host: ControlsHost, editable: boolean): HTMLElement {
  const id = domId('ctl', c.id);
  const desc = c.description ? h('p', { class: 'description', id: `${id}-desc` }, c.description) : undefined;
  const common = {
    id,
    'data-param': c.param,
    'data-kind': c.control,
    disabled: !editable,
    'aria-describedby': desc ? `${id}-desc` : undefined,
  };
  return RENDER[c.control]({
    c,
    common,
    desc,
    label: h('label', { for: id, class: 'label' }, c.label),
    send: (value) => host.change(c.param, value),
  });
}

/** Poe shows shapes to pick from; here, a radio group of little frames drawn to each ratio. */
function aspectRatio(
  c: RenderControl,
  common: Common,
  desc: HTMLElement | undefined,
  send: (v: ParamValue) => void,
): HTMLElement {
  const labelId = `${common.id}-label`;
  const group = h('div', {
    ...common,
    role: 'radiogroup',
    'aria-labelledby': labelId,
    class: 'ratios',
    disabled: undefined,
  });
  for (const o of c.options ?? []) {
    const shape = h('span', { class: 'shape', 'aria-hidden': 'true' });
    const side = Math.max(o.width ?? 1, o.height ?? 1);
    // CSSOM, not a style attribute: the page's policy allows no inline styles.
    shape.style.width = `${Math.round((24 * (o.width ?? 1)) / side)}px`;
    shape.style.height = `${Math.round((24 * (o.height ?? 1)) / side)}px`;
    const radio = h('input', {
      type: 'radio',
      name: String(common.id),
      value: o.value,
      disabled: common.disabled,
      onchange: () => send(o.value),
    });
    group.append(h('label', { class: 'ratio' }, radio, shape, h('span', {}, o.name)));
  }
  return h('div', { class: 'field' }, h('span', { class: 'label', id: labelId }, c.label), group, desc);
}
