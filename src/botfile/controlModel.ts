// The parameter controls of a bot file as a serialisable tree for a panel to render (sections, tabs, conditions,
// controls; ids by position, so they stay put while the file is edited elsewhere), and the walk over the controls
// that set a parameter, which controlValues.ts computes values from.

import type { Bot } from '../poe/types';
import { eachControl, isControlKind, sectionsOf, type ControlAt, type ControlKind } from './controls';
import { isObj, num, type Obj } from './json';

export type { ControlKind } from './controls';

export interface RenderOption {
  value: string;
  name: string;
  width?: number;
  height?: number;
}
export interface RenderControl {
  kind: 'control';
  id: string;
  control: ControlKind;
  param: string;
  label: string;
  description?: string;
  placeholder?: string;
  options?: RenderOption[];
  min?: number;
  max?: number;
  step?: number;
}
export interface RenderDivider {
  kind: 'divider';
  id: string;
}
/** Controls shown only while a condition holds; its id is in hiddenIds() when it does not. */
export interface RenderCondition {
  kind: 'condition';
  id: string;
  children: (RenderControl | RenderDivider)[];
}
export type RenderItem = RenderControl | RenderDivider | RenderCondition;
export interface RenderTab {
  id: string;
  name: string;
  children: RenderItem[];
}
export interface RenderSection {
  id: string;
  name?: string;
  collapsed: boolean;
  children?: RenderItem[];
  tabs?: RenderTab[];
}

/** A control that sets a parameter, where it sits, and the condition it sits under. */
export interface Placed {
  id: string;
  c: Obj;
  condition?: { id: string; test: unknown };
}

export function renderModel(bot: Bot | unknown): RenderSection[] {
  // Items by the section, tab or condition they sit in; a condition inside a condition is not shown (nor its controls).
  const children = new Map<string, RenderItem[]>();
  const add = (parent: string, item: RenderItem) => {
    let list = children.get(parent);
    if (!list) children.set(parent, (list = []));
    list.push(item);
  };
  for (const at of eachControl(bot)) {
    const item = renderItem(at);
    if (item && !(item.kind === 'condition' && at.depth > 0)) add(at.parent, item);
  }
  for (const list of children.values())
    for (const item of list)
      if (item.kind === 'condition') item.children = (children.get(item.id) ?? []) as RenderCondition['children'];
  return sectionsOf(bot).map(({ section: s }, i) => {
    const id = `s${i}`;
    const out: RenderSection = { id, collapsed: s.collapsed_by_default === true };
    if (typeof s.name === 'string') out.name = s.name;
    if (Array.isArray(s.controls)) out.children = children.get(id) ?? [];
    if (Array.isArray(s.tabs)) {
      out.tabs = s.tabs.filter(isObj).map((t, j) => ({
        id: `${id}.t${j}`,
        name: typeof t.name === 'string' ? t.name : `${j + 1}`,
        children: children.get(`${id}.t${j}`) ?? [],
      }));
    }
    return out;
  });
}

const isControl = (c: Obj) =>
  isControlKind(c.control) && typeof c.parameter_name === 'string' && c.parameter_name !== '';

function renderItem({ control: c, id }: ControlAt): RenderItem | undefined {
  if (c.control === 'divider') return { kind: 'divider', id };
  if (c.control === 'condition') return { kind: 'condition', id, children: [] };
  return isControl(c) ? control(c, id) : undefined;
}

function control(c: Obj, id: string): RenderControl {
  const out: RenderControl = {
    kind: 'control',
    id,
    control: c.control as ControlKind,
    param: c.parameter_name as string,
    label: typeof c.label === 'string' ? c.label : (c.parameter_name as string),
  };
  if (typeof c.description === 'string') out.description = c.description;
  if (typeof c.placeholder === 'string') out.placeholder = c.placeholder;
  if (num(c.min_value)) out.min = c.min_value;
  if (num(c.max_value)) out.max = c.max_value;
  if (num(c.step)) out.step = c.step;
  if (Array.isArray(c.options)) out.options = options(c);
  return out;
}

export function options(c: Obj): RenderOption[] {
  const list = Array.isArray(c.options) ? c.options.filter(isObj) : [];
  if (c.control === 'aspect_ratio') {
    return list
      .filter((o) => num(o.width) && num(o.height))
      .map((o) => ({
        value: typeof o.value === 'string' ? o.value : `${o.width}:${o.height}`,
        name: `${o.width}:${o.height}`,
        width: o.width as number,
        height: o.height as number,
      }));
  }
  return list
    .filter((o) => typeof o.value === 'string')
    .map((o) => ({ value: o.value as string, name: typeof o.name === 'string' ? o.name : (o.value as string) }));
}

/** Every control that sets a parameter, in order, with the condition it sits under (ids as in renderModel). */
export function placed(bot: unknown): Placed[] {
  return eachControl(bot)
    .filter((at) => at.depth <= 1 && isControl(at.control))
    .map((at) => ({ id: at.id, c: at.control, condition: at.condition }));
}
