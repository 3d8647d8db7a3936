// The checks of a bot's parameter controls the schema cannot say: sections with both or neither of controls and
// tabs, slider and drop-down defaults, controls sharing a parameter, and definitions without controls (or back).

import { eachControl } from './controls';
import { isObj, num, type Obj } from './json';
import type { Add, JsonPath } from './problems';

export function checkControls(bot: Obj, s: Obj, add: Add): void {
  const pc = isObj(bot.parameter_controls) ? bot.parameter_controls : undefined;
  if (pc && Array.isArray(pc.sections)) {
    if (pc.sections.length === 0)
      add(
        'warning',
        'no-sections',
        ['parameter_controls', 'sections'],
        "Poe's parameter-controls guide says every interface needs at least one section.",
      );
    pc.sections.forEach((sec, i) => {
      if (isObj(sec) && sec.controls !== undefined && sec.tabs !== undefined)
        add(
          'error',
          'section-both',
          ['parameter_controls', 'sections', i, 'tabs'],
          'A section has either controls or tabs, not both.',
          'key',
        );
      if (isObj(sec) && sec.controls === undefined && sec.tabs === undefined)
        add('error', 'section-empty', ['parameter_controls', 'sections', i], 'A section needs "controls" or "tabs".');
    });
  }
  const defaults = new Map<string, { value: unknown; path: JsonPath }>();
  const controlNames = new Set<string>();
  for (const { control: c, path } of eachControl(bot)) {
    const name = typeof c.parameter_name === 'string' ? c.parameter_name : undefined;
    if (name) controlNames.add(name);
    if (c.control === 'slider' && num(c.min_value) && num(c.max_value)) {
      if (c.min_value > c.max_value)
        add(
          'error',
          'slider-range',
          [...path, 'max_value'],
          `max_value (${c.max_value}) is below min_value (${c.min_value}).`,
        );
      if (num(c.default_value) && (c.default_value < c.min_value || c.default_value > c.max_value))
        add(
          'error',
          'slider-default',
          [...path, 'default_value'],
          `default_value ${c.default_value} is outside ${c.min_value}…${c.max_value}.`,
        );
    }
    if (c.control === 'slider' && num(c.step) && c.step <= 0)
      add('error', 'slider-step', [...path, 'step'], 'step must be greater than 0.');
    if (c.control === 'drop_down' && c.default_value !== undefined && Array.isArray(c.options)) {
      const values = c.options.filter(isObj).map((o) => o.value);
      if (!values.includes(c.default_value))
        add(
          'error',
          'dropdown-default',
          [...path, 'default_value'],
          `default_value ${JSON.stringify(c.default_value)} is not one of the options (${values.map((v) => JSON.stringify(v)).join(', ')}).`,
        );
    }
    if (name && c.default_value !== undefined) {
      const first = defaults.get(name);
      if (!first) defaults.set(name, { value: c.default_value, path });
      else if (JSON.stringify(first.value) !== JSON.stringify(c.default_value))
        add(
          'error',
          'shared-default',
          [...path, 'default_value'],
          `Controls that share the parameter "${name}" must share its default (another control sets ${JSON.stringify(first.value)}).`,
        );
    }
  }
  const defs = Array.isArray(s.param_definitions) ? s.param_definitions : [];
  const defNames = new Set<string>();
  defs.forEach((d, i) => {
    if (!isObj(d) || typeof d.param_name !== 'string') return;
    defNames.add(d.param_name);
    if (!controlNames.has(d.param_name))
      add(
        'warning',
        'definition-unused',
        ['api_bot_settings', 'param_definitions', i, 'param_name'],
        `No control in parameter_controls sets "${d.param_name}".`,
      );
  });
  for (const { control: c, path } of eachControl(bot)) {
    const name = c.parameter_name;
    if (typeof name === 'string' && !defNames.has(name) && (defs.length > 0 || pc)) {
      add(
        'warning',
        'control-undefined',
        [...path, 'parameter_name'],
        `"${name}" has no entry in api_bot_settings.param_definitions, so its value is not forwarded to your endpoint.`,
      );
      defNames.add(name); // once per name
    }
  }
}
