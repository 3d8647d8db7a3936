// The one walk over a bot's parameter controls: in sections, in tabs, and inside conditions, in document order. The
// rules (rules.ts), the values (controlValues.ts) and the tree a panel renders (controlModel.ts) all take it.

import { isObj, type Obj } from './json';
import type { JsonPath } from './problems';

/** The kinds of control that set a parameter, each with the kind of value it holds. A new kind is a line here, and
 * the compiler then asks for it wherever a kind decides something (values, the panel's renderers). */
export const CONTROL_KINDS = {
  toggle_switch: 'boolean',
  slider: 'number',
  number_field: 'number',
  drop_down: 'option',
  text_field: 'text',
  text_area: 'text',
  aspect_ratio: 'option',
} as const satisfies Record<string, 'boolean' | 'number' | 'option' | 'text'>;

export type ControlKind = keyof typeof CONTROL_KINDS;
export type ValueKind = (typeof CONTROL_KINDS)[ControlKind];
/** Items that shape the controls without setting a parameter. */
export const STRUCTURAL_KINDS = ['divider', 'condition'] as const;

export const isControlKind = (kind: unknown): kind is ControlKind =>
  typeof kind === 'string' && Object.hasOwn(CONTROL_KINDS, kind);

export interface ControlAt {
  /** The item as the file has it: a control, a divider or a condition. */
  control: Obj;
  /** Where it is in the file. */
  path: JsonPath;
  /** By position (s0.c1, s0.t1.c0.c2): stable while the file is edited elsewhere. */
  id: string;
  /** The id of the section, tab or condition it sits in. */
  parent: string;
  /** The nearest condition it sits under, and how many it sits under. */
  condition?: { id: string; test: unknown };
  depth: number;
}

/** The sections that are objects, with their place in the file. */
export function sectionsOf(bot: unknown): { section: Obj; index: number }[] {
  const pc = isObj(bot) ? bot.parameter_controls : undefined;
  const list = isObj(pc) && Array.isArray(pc.sections) ? pc.sections : [];
  return list.flatMap((s, index) => (isObj(s) ? [{ section: s, index }] : []));
}

export function eachControl(bot: unknown): ControlAt[] {
  const out: ControlAt[] = [];
  const walk = (list: unknown, path: JsonPath, parent: string, condition: ControlAt['condition'], depth: number) => {
    if (!Array.isArray(list)) return;
    list.forEach((c, k) => {
      if (!isObj(c)) return;
      const id = `${parent}.c${k}`;
      out.push({ control: c, path: [...path, k], id, parent, condition, depth });
      if (c.control === 'condition')
        walk(c.controls, [...path, k, 'controls'], id, { id, test: c.condition }, depth + 1);
    });
  };
  sectionsOf(bot).forEach(({ section: s, index }, i) => {
    const at = ['parameter_controls', 'sections', index];
    walk(s.controls, [...at, 'controls'], `s${i}`, undefined, 0);
    if (!Array.isArray(s.tabs)) return;
    let j = 0;
    s.tabs.forEach((t, ti) => {
      if (isObj(t)) walk(t.controls, [...at, 'tabs', ti, 'controls'], `s${i}.t${j++}`, undefined, 0);
    });
  });
  return out;
}

/** The parameter names the file's controls set, in order of appearance. */
export function controlParameterNames(bot: unknown): string[] {
  const names = eachControl(bot)
    .map((c) => c.control.parameter_name)
    .filter((n): n is string => typeof n === 'string');
  return [...new Set(names)];
}
