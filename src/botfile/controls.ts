// Walks every parameter control in a bot file: in sections, in tabs, and inside conditions.

import type { JsonPath } from './problems';
import { isObj } from './json';

export interface ControlAt { control: Record<string, unknown>; path: JsonPath }

export function eachControl(bot: unknown): ControlAt[] {
  const out: ControlAt[] = [];
  const pc = isObj(bot) ? bot.parameter_controls : undefined;
  const sections = isObj(pc) && Array.isArray(pc.sections) ? pc.sections : [];
  const walk = (list: unknown, path: JsonPath) => {
    if (!Array.isArray(list)) return;
    list.forEach((c, i) => {
      if (!isObj(c)) return;
      out.push({ control: c, path: [...path, i] });
      if (c.control === 'condition') walk(c.controls, [...path, i, 'controls']);
    });
  };
  sections.forEach((s, si) => {
    if (!isObj(s)) return;
    walk(s.controls, ['parameter_controls', 'sections', si, 'controls']);
    if (Array.isArray(s.tabs)) s.tabs.forEach((t, ti) => { if (isObj(t)) walk(t.controls, ['parameter_controls', 'sections', si, 'tabs', ti, 'controls']); });
  });
  return out;
}

/** The parameter names the file's controls set, in order of appearance. */
export function controlParameterNames(bot: unknown): string[] {
  const names = eachControl(bot).map((c) => c.control.parameter_name).filter((n): n is string => typeof n === 'string');
  return [...new Set(names)];
}
