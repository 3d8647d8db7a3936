// What a test file runs: each case, and a matrix case once per value of the bot's controls (each drop-down option, a
// switch both ways, a slider's minimum and maximum; a conditional control only where it shows). Pure and cheap, so
// the Testing view lists the expansions at discovery without loading the runner.

import { options, placed } from '../botfile/controlModel';
import { CONTROL_KINDS, type ControlKind } from '../botfile/controls';
import { conditionHolds, initialValues, type ParamValue, type ParamValues } from '../botfile/controlValues';
import type { Obj } from '../botfile/json';
import type { TestCase } from './testFile';

/** One run of a case: its id in the Testing view and the report, its name, and the control values it sends. */
export interface PlannedCase {
  /** "3" for a case, "3/reasoning_effort=high" for one of its matrix runs. */
  id: string;
  name: string;
  case: TestCase;
  values: ParamValues;
  /** For a matrix run: the values it varies, "reasoning_effort=high". */
  variant?: string;
}

/** The values a matrix tries for one control. Text is left at its default: there is no "every value" of a text. */
function valuesOf(c: Obj): ParamValue[] {
  const kind = CONTROL_KINDS[c.control as ControlKind];
  switch (kind) {
    case 'boolean':
      return [true, false];
    case 'number':
      return [c.min_value, c.max_value].filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    case 'option':
      return options(c).map((o) => o.value);
    case 'text':
      return [];
    default:
      return unknownKind(kind);
  }
}

function unknownKind(kind: never): never {
  throw new Error(`no matrix rule for controls holding ${String(kind)}`);
}

const shown = (v: ParamValue) => (typeof v === 'string' ? v : String(v));

/**
 * The matrix of a case: from the case's values (the controls' defaults with its own "parameters" over them), one
 * control changed at a time. A control under a condition is tried from the first values that show it; one no values
 * show is left out (its name is in `hidden`).
 */
export function expandControls(
  bot: unknown,
  base: ParamValues,
): { variants: { label: string; values: ParamValues }[]; hidden: string[] } {
  const variants: { label: string; values: ParamValues }[] = [];
  const hidden: string[] = [];
  for (const p of placed(bot)) {
    const name = p.c.parameter_name as string;
    const from = p.condition
      ? [base, ...variants.map((v) => v.values)].find((b) => conditionHolds(p.condition!.test, b))
      : base;
    if (!from) {
      hidden.push(name);
      continue;
    }
    for (const v of valuesOf(p.c)) {
      // Every value is listed, the default too (a run may repeat another's request: the names say what each tries).
      const values = { ...from, [name]: v };
      // The label says the value tried, and any other value changed to show the control.
      const others = Object.keys(values)
        .filter((k) => k !== name && values[k] !== base[k])
        .map((k) => `${k}=${shown(values[k]!)}`);
      variants.push({ label: [`${name}=${shown(v)}`, ...others].join(', '), values });
    }
  }
  return { variants, hidden };
}

/** Every run of the file's cases, in order: a case's values are the controls' defaults with its parameters over them. */
export function planCases(cases: readonly TestCase[], bot: unknown): PlannedCase[] {
  const defaults = initialValues(bot);
  return cases.flatMap((c): PlannedCase[] => {
    const values = { ...defaults, ...c.parameters };
    const one: PlannedCase = { id: String(c.index), name: c.name, case: c, values };
    if (!c.matrix || c.problem) return [one];
    const { variants } = expandControls(bot, values);
    if (!variants.length)
      return [
        {
          ...one,
          case: {
            ...c,
            problem: 'The case has "matrix": "controls", but the bot has no drop-down, switch or slider to vary.',
          },
        },
      ];
    return variants.map((v) => ({
      id: `${c.index}/${v.label}`,
      name: `${c.name} [${v.label}]`,
      case: c,
      values: v.values,
      variant: v.label,
    }));
  });
}
