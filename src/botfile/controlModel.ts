// The parameter controls of a bot file as a serialisable tree for a panel to render (sections, tabs, conditions,
// controls; ids by position, so they stay put while the file is edited elsewhere), and the walk over the controls
// that set a parameter, which controlValues.ts computes values from.

import type { Bot } from '../poe/types';
import { isObj, type Obj } from './json';

export type ControlKind = 'toggle_switch' | 'slider' | 'number_field' | 'drop_down' | 'text_field' | 'text_area' | 'aspect_ratio';

export interface RenderOption { value: string; name: string; width?: number; height?: number }
export interface RenderControl {
  kind: 'control'; id: string; control: ControlKind; param: string; label: string;
  description?: string; placeholder?: string; options?: RenderOption[]; min?: number; max?: number; step?: number;
}
export interface RenderDivider { kind: 'divider'; id: string }
/** Controls shown only while a condition holds; its id is in hiddenIds() when it does not. */
export interface RenderCondition { kind: 'condition'; id: string; children: (RenderControl | RenderDivider)[] }
export type RenderItem = RenderControl | RenderDivider | RenderCondition;
export interface RenderTab { id: string; name: string; children: RenderItem[] }
export interface RenderSection { id: string; name?: string; collapsed: boolean; children?: RenderItem[]; tabs?: RenderTab[] }

const KINDS = new Set<string>(['toggle_switch', 'slider', 'number_field', 'drop_down', 'text_field', 'text_area', 'aspect_ratio']);
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A control that sets a parameter, where it sits, and the condition it sits under. */
export interface Placed { id: string; c: Obj; condition?: { id: string; test: unknown } }

export function renderModel(bot: Bot | unknown): RenderSection[] {
  return sectionsOf(bot).map((s, i) => {
    const id = `s${i}`;
    const out: RenderSection = { id, collapsed: s.collapsed_by_default === true };
    if (typeof s.name === 'string') out.name = s.name;
    if (Array.isArray(s.controls)) out.children = items(s.controls, id);
    if (Array.isArray(s.tabs)) {
      out.tabs = s.tabs.filter(isObj).map((t, j) => ({ id: `${id}.t${j}`, name: typeof t.name === 'string' ? t.name : `${j + 1}`, children: items(t.controls, `${id}.t${j}`) }));
    }
    return out;
  });
}

function sectionsOf(bot: unknown): Obj[] {
  const pc = isObj(bot) ? bot.parameter_controls : undefined;
  return isObj(pc) && Array.isArray(pc.sections) ? pc.sections.filter(isObj) : [];
}

const isControl = (c: Obj) => KINDS.has(String(c.control)) && typeof c.parameter_name === 'string' && c.parameter_name !== '';

function items(list: unknown, prefix: string): RenderItem[] {
  if (!Array.isArray(list)) return [];
  const out: RenderItem[] = [];
  list.forEach((c, k) => {
    const id = `${prefix}.c${k}`;
    if (!isObj(c)) return;
    if (c.control === 'divider') out.push({ kind: 'divider', id });
    else if (c.control === 'condition') out.push({ kind: 'condition', id, children: items(c.controls, id).filter((x) => x.kind !== 'condition') as RenderCondition['children'] });
    else if (isControl(c)) out.push(control(c, id));
  });
  return out;
}

function control(c: Obj, id: string): RenderControl {
  const out: RenderControl = { kind: 'control', id, control: c.control as ControlKind, param: c.parameter_name as string, label: typeof c.label === 'string' ? c.label : (c.parameter_name as string) };
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
    return list.filter((o) => num(o.width) && num(o.height)).map((o) => ({
      value: typeof o.value === 'string' ? o.value : `${o.width}:${o.height}`, name: `${o.width}:${o.height}`, width: o.width as number, height: o.height as number,
    }));
  }
  return list.filter((o) => typeof o.value === 'string').map((o) => ({ value: o.value as string, name: typeof o.name === 'string' ? o.name : (o.value as string) }));
}

/** Every control that sets a parameter, in order, with the condition it sits under (ids as in renderModel). */
export function placed(bot: unknown): Placed[] {
  const out: Placed[] = [];
  const walk = (list: unknown, prefix: string, condition?: Placed['condition']) => {
    if (!Array.isArray(list)) return;
    list.forEach((c, k) => {
      const id = `${prefix}.c${k}`;
      if (!isObj(c)) return;
      if (c.control === 'condition' && !condition) walk(c.controls, id, { id, test: c.condition });
      else if (isControl(c)) out.push({ id, c, condition });
    });
  };
  sectionsOf(bot).forEach((s, i) => {
    walk(s.controls, `s${i}`);
    if (Array.isArray(s.tabs)) s.tabs.filter(isObj).forEach((t, j) => walk(t.controls, `s${i}.t${j}`));
  });
  return out;
}
