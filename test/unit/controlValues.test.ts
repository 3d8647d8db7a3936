// Parameter controls as Poe's users meet them: starting values for every control type, conditions with every
// comparator, what a request carries, and the tree a panel draws.
import assert from 'node:assert/strict';
import {
  acceptValue,
  conditionHolds,
  hiddenIds,
  initialValues,
  mergeValues,
  renderModel,
  requestParams,
  type ParamValues,
} from '../../src/botfile/controlValues';

type Control = Record<string, unknown>;
const defs = (...names: (string | [string, unknown])[]) =>
  names.map((n) =>
    Array.isArray(n)
      ? { param_name: n[0], param_dest: 'extra_body', default_value: n[1] }
      : { param_name: n, param_dest: 'extra_body' },
  );
const botWith = (controls: Control[], definitions: unknown[] = []) => ({
  handle: 'B',
  description: '',
  is_private: false,
  api_bot_settings: { param_definitions: definitions },
  parameter_controls: { api_version: '2', sections: [{ name: 'S', controls }] },
});

const toggle = (name: string, d?: boolean) => ({
  control: 'toggle_switch',
  label: name,
  parameter_name: name,
  ...(d === undefined ? {} : { default_value: d }),
});
const slider = (name: string, d?: number) => ({
  control: 'slider',
  label: name,
  parameter_name: name,
  min_value: 2,
  max_value: 10,
  step: 2,
  ...(d === undefined ? {} : { default_value: d }),
});
const dropDown = (name: string, d?: string) => ({
  control: 'drop_down',
  label: name,
  parameter_name: name,
  options: [
    { value: 'a', name: 'A' },
    { value: 'b', name: 'B' },
  ],
  ...(d === undefined ? {} : { default_value: d }),
});
const text = (kind: 'text_field' | 'text_area', name: string, d?: string) => ({
  control: kind,
  label: name,
  parameter_name: name,
  ...(d === undefined ? {} : { default_value: d }),
});
const ratio = (name: string, options: unknown[], d?: string) => ({
  control: 'aspect_ratio',
  label: name,
  parameter_name: name,
  options,
  ...(d === undefined ? {} : { default_value: d }),
});
const when = (comparator: string, left: unknown, right: unknown, controls: Control[]) => ({
  control: 'condition',
  condition: { comparator, left, right },
  controls,
});

describe('Parameter values: where they start', () => {
  it("takes each control's default_value", () => {
    const bot = botWith([
      toggle('t', true),
      slider('s', 6),
      dropDown('d', 'b'),
      text('text_field', 'f', 'hi'),
      text('text_area', 'a', 'long'),
      ratio(
        'r',
        [
          { width: 1, height: 1 },
          { width: 16, height: 9, value: 'wide' },
        ],
        'wide',
      ),
      { control: 'number_field', label: 'n', parameter_name: 'n', default_value: 3 },
    ]);
    assert.deepEqual(initialValues(bot), { t: true, s: 6, d: 'b', f: 'hi', a: 'long', r: 'wide', n: 3 });
  });

  it('else the param_definitions default_value, else one inferred per type', () => {
    const bot = botWith(
      [
        toggle('t'),
        slider('s'),
        dropDown('d'),
        text('text_field', 'f'),
        text('text_area', 'a'),
        ratio('r', [
          { width: 16, height: 9 },
          { width: 1, height: 1 },
        ]),
        ratio('rv', [{ width: 4, height: 3, value: 'photo' }]),
        { control: 'number_field', label: 'n', parameter_name: 'n' },
      ],
      defs(['t', true], ['s', 8]),
    );
    assert.deepEqual(initialValues(bot), { t: true, s: 8, d: 'a', f: '', a: '', r: '16:9', rv: 'photo', n: 0 });
  });

  it("gives controls that share a name one value (the first control's)", () => {
    const bot = {
      ...botWith([toggle('shared', true)]),
      parameter_controls: {
        api_version: '2',
        sections: [
          {
            tabs: [
              { name: 'One', controls: [toggle('shared', true)] },
              { name: 'Two', controls: [toggle('shared', true), toggle('other')] },
            ],
          },
        ],
      },
    };
    assert.deepEqual(initialValues(bot), { shared: true, other: false });
  });

  it('is empty for a bot without controls, or with a broken parameter_controls', () => {
    assert.deepEqual(initialValues({ handle: 'x' }), {});
    assert.deepEqual(initialValues({ parameter_controls: { sections: 'no' } }), {});
    assert.deepEqual(initialValues(null), {});
  });
});

describe('Parameter values: accepting a change', () => {
  const bot = botWith([
    toggle('t'),
    slider('s'),
    dropDown('d'),
    text('text_field', 'f'),
    ratio('r', [
      { width: 1, height: 1 },
      { width: 9, height: 16, value: 'tall' },
    ]),
  ]);

  it('takes values a control could produce, clamps numbers to the slider, refuses the rest', () => {
    assert.equal(acceptValue(bot, 't', true), true);
    assert.equal(acceptValue(bot, 't', 'true'), undefined);
    assert.equal(acceptValue(bot, 's', 4), 4);
    assert.equal(acceptValue(bot, 's', 99), 10);
    assert.equal(acceptValue(bot, 's', -5), 2);
    assert.equal(acceptValue(bot, 's', Number.NaN), undefined);
    assert.equal(acceptValue(bot, 'd', 'b'), 'b');
    assert.equal(acceptValue(bot, 'd', 'z'), undefined, 'not an option');
    assert.equal(acceptValue(bot, 'r', 'tall'), 'tall');
    assert.equal(acceptValue(bot, 'r', '1:1'), '1:1');
    assert.equal(acceptValue(bot, 'r', '9:16'), undefined, 'an option with a value is chosen by its value');
    assert.equal(acceptValue(bot, 'f', 'anything'), 'anything');
    assert.equal(acceptValue(bot, 'f', 'x'.repeat(100_001)), undefined);
    assert.equal(acceptValue(bot, 'nope', 'x'), undefined, 'no control of that name');
  });

  it('mergeValues keeps what still fits after the file changed and starts the rest afresh', () => {
    const edited = botWith([toggle('t'), dropDown('d'), slider('s2', 6)]);
    assert.deepEqual(mergeValues(edited, { t: true, d: 'z', s: 4, gone: 1 }), { t: true, d: 'a', s2: 6 });
    assert.deepEqual(mergeValues(edited, 'not an object'), { t: false, d: 'a', s2: 6 });
  });
});

describe('Parameter values: conditions', () => {
  const values: ParamValues = { n: 5, s: 'image', b: true, word: 'm' };
  const p = (name: string) => ({ parameter_name: name });
  const lit = (literal: unknown) => ({ literal });

  it('every comparator, numbers as numbers', () => {
    const cases: [string, unknown, boolean][] = [
      ['equals', 5, true],
      ['eq', 5, true],
      ['eq', 6, false],
      ['ne', 6, true],
      ['ne', 5, false],
      ['gt', 4, true],
      ['gt', 5, false],
      ['ge', 5, true],
      ['ge', 6, false],
      ['lt', 6, true],
      ['lt', 5, false],
      ['le', 5, true],
      ['le', 4, false],
    ];
    for (const [comparator, right, holds] of cases) {
      assert.equal(
        conditionHolds({ comparator, left: p('n'), right: lit(right) }, values),
        holds,
        `${comparator} ${String(right)}`,
      );
    }
  });

  it('a literal "5" equals 5 and "true" equals true; text compares as text', () => {
    assert.equal(conditionHolds({ comparator: 'eq', left: p('n'), right: lit('5') }, values), true);
    assert.equal(conditionHolds({ comparator: 'eq', left: p('b'), right: lit('true') }, values), true);
    assert.equal(
      conditionHolds({ comparator: 'equals', left: lit('image'), right: p('s') }, values),
      true,
      'either side may be the parameter',
    );
    assert.equal(conditionHolds({ comparator: 'lt', left: p('word'), right: lit('z') }, values), true);
    assert.equal(
      conditionHolds({ comparator: 'gt', left: p('b'), right: lit(0) }, values),
      false,
      'a boolean has no order',
    );
  });

  it('an unknown parameter equals nothing and orders with nothing', () => {
    assert.equal(conditionHolds({ comparator: 'eq', left: p('missing'), right: lit('') }, values), false);
    assert.equal(conditionHolds({ comparator: 'ne', left: p('missing'), right: lit('') }, values), true);
    assert.equal(conditionHolds({ comparator: 'ge', left: p('missing'), right: lit(0) }, values), false);
  });

  it('parameter against parameter', () => {
    assert.equal(conditionHolds({ comparator: 'gt', left: p('n'), right: p('n') }, values), false);
    assert.equal(conditionHolds({ comparator: 'ge', left: p('n'), right: p('n') }, values), true);
  });

  it("hides a condition's controls until it holds, and follows the values", () => {
    const bot = botWith(
      [dropDown('output'), when('eq', p('output'), lit('b'), [slider('width', 4)])],
      defs('output', 'width'),
    );
    const start = initialValues(bot);
    assert.deepEqual(start, { output: 'a', width: 4 }, 'a hidden control still has its value');
    assert.deepEqual(hiddenIds(bot, start), ['s0.c1']);
    assert.deepEqual(hiddenIds(bot, { ...start, output: 'b' }), []);
  });
});

describe('Parameter values: the request Poe would send', () => {
  it('only names with an extra_body definition, with the current value', () => {
    const bot = botWith(
      [toggle('think', true), slider('budget', 4), text('text_field', 'note')],
      [...defs('think', 'budget'), { param_name: 'other', param_dest: 'somewhere' }],
    );
    assert.deepEqual(requestParams(bot, { think: false, budget: 8, note: 'x' }), { think: false, budget: 8 });
  });

  it("a hidden control's value is not sent: its definition's default is, if it has one", () => {
    const bot = botWith(
      [
        toggle('think'),
        when('eq', { parameter_name: 'think' }, { literal: true }, [slider('budget', 4), slider('depth', 6)]),
      ],
      defs('think', ['budget', 2], 'depth'),
    );
    assert.deepEqual(requestParams(bot, { think: false, budget: 10, depth: 10 }), { think: false, budget: 2 });
    assert.deepEqual(requestParams(bot, { think: true, budget: 10, depth: 10 }), {
      think: true,
      budget: 10,
      depth: 10,
    });
  });

  it('a definition with no control sends its default; one with neither control nor default sends nothing', () => {
    const bot = botWith([], defs(['enable_thinking', { mode: 'deep' }], 'bare'));
    const sent = requestParams(bot, {});
    assert.deepEqual(sent, { enable_thinking: { mode: 'deep' } });
    (sent.enable_thinking as { mode: string }).mode = 'changed';
    assert.deepEqual(requestParams(bot, {}), { enable_thinking: { mode: 'deep' } }, "a copy, not the bot's own object");
  });

  it('a name shared by a hidden and a visible control is sent', () => {
    const bot = botWith(
      [
        toggle('think'),
        when('eq', { parameter_name: 'think' }, { literal: true }, [dropDown('mode')]),
        dropDown('mode'),
      ],
      defs('think', 'mode'),
    );
    assert.deepEqual(requestParams(bot, { think: false, mode: 'b' }), { think: false, mode: 'b' });
  });

  it('no definitions at all: nothing is sent', () => {
    assert.deepEqual(requestParams(botWith([toggle('t', true)]), { t: true }), {});
    assert.deepEqual(requestParams({ handle: 'x' }, {}), {});
  });
});

describe('Parameter controls: the render model', () => {
  it('sections, tabs, conditions, dividers and controls, with ids by position', () => {
    const bot = {
      parameter_controls: {
        api_version: '2',
        sections: [
          {
            name: 'Main',
            collapsed_by_default: true,
            controls: [
              toggle('t'),
              { control: 'divider' },
              when('eq', { parameter_name: 't' }, { literal: true }, [slider('s'), { control: 'divider' }]),
            ],
          },
          {
            tabs: [
              { name: 'A', controls: [dropDown('d')] },
              {
                controls: [
                  ratio('r', [
                    { width: 2, height: 1 },
                    { width: 'x', height: 1 },
                  ]),
                ],
              },
            ],
          },
        ],
      },
    };
    assert.deepEqual(renderModel(bot), [
      {
        id: 's0',
        name: 'Main',
        collapsed: true,
        children: [
          { kind: 'control', id: 's0.c0', control: 'toggle_switch', param: 't', label: 't' },
          { kind: 'divider', id: 's0.c1' },
          {
            kind: 'condition',
            id: 's0.c2',
            children: [
              { kind: 'control', id: 's0.c2.c0', control: 'slider', param: 's', label: 's', min: 2, max: 10, step: 2 },
              { kind: 'divider', id: 's0.c2.c1' },
            ],
          },
        ],
      },
      {
        id: 's1',
        collapsed: false,
        tabs: [
          {
            id: 's1.t0',
            name: 'A',
            children: [
              {
                kind: 'control',
                id: 's1.t0.c0',
                control: 'drop_down',
                param: 'd',
                label: 'd',
                options: [
                  { value: 'a', name: 'A' },
                  { value: 'b', name: 'B' },
                ],
              },
            ],
          },
          {
            id: 's1.t1',
            name: '2',
            children: [
              {
                kind: 'control',
                id: 's1.t1.c0',
                control: 'aspect_ratio',
                param: 'r',
                label: 'r',
                options: [{ value: '2:1', name: '2:1', width: 2, height: 1 }],
              },
            ],
          },
        ],
      },
    ]);
  });

  it('leaves out what it cannot draw: unknown controls, controls without a parameter, nested conditions', () => {
    const bot = botWith([
      { control: 'mystery', parameter_name: 'm' },
      { control: 'slider', label: 'no name' },
      when('eq', { literal: 1 }, { literal: 1 }, [when('eq', { literal: 1 }, { literal: 1 }, [toggle('deep')])]),
    ]);
    assert.deepEqual(renderModel(bot)[0]!.children, [{ kind: 'condition', id: 's0.c2', children: [] }]);
    assert.deepEqual(initialValues(bot), {});
  });

  it('is plain data: it survives a JSON round trip (it crosses to the webview)', () => {
    const model = renderModel(
      botWith([
        toggle('t', true),
        text('text_area', 'a'),
        { control: 'text_field', label: 'L', description: 'D', placeholder: 'P', parameter_name: 'f' },
      ]),
    );
    assert.deepEqual(JSON.parse(JSON.stringify(model)), model);
    assert.deepEqual(model[0]!.children![2], {
      kind: 'control',
      id: 's0.c2',
      control: 'text_field',
      param: 'f',
      label: 'L',
      description: 'D',
      placeholder: 'P',
    });
  });
});
