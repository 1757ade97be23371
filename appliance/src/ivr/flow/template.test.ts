// biome-ignore-all lint/suspicious/noTemplateCurlyInString: flow templates are written ${name}, as the administrator writes them.
import { describe, expect, test } from 'bun:test';
import { parseTemplate, renderTemplate, templateRefs } from './template.ts';

describe('templates', () => {
  const vars: Record<string, string> = { balance: '12.50', caller: '13800138000', 'now.hour': '9' };
  test.each([
    ['no references', 'plain text', 'plain text'],
    ['one reference', '余额 ${balance} 元', '余额 12.50 元'],
    ['dotted reference', 'hour ${now.hour}', 'hour 9'],
    ['spaces inside braces', '${ caller }', '13800138000'],
    ['a lone dollar stays', 'costs $5', 'costs $5'],
    ['unknown reference renders empty', '[${nothing}]', '[]'],
  ])('%s', (_name, source, expected) => {
    expect(renderTemplate(source, (r) => vars[r])).toBe(expected);
  });

  test.each([
    ['unclosed', 'hello ${name', 'unclosed ${ at position 6'],
    ['empty reference', '${}', '${} is not a variable name'],
    ['expression', '${a + b}', '${a + b} is not a variable name'],
    ['leading digit', '${1abc}', '${1abc} is not a variable name'],
  ])('refuses %s', (_name, source, reason) => {
    expect(parseTemplate(source)).toEqual({ ok: false, reason });
  });

  test('reports references it cannot fill', () => {
    const missing: string[] = [];
    renderTemplate('${a}${b}', () => undefined, (r) => missing.push(r));
    expect(missing).toEqual(['a', 'b']);
  });

  test('lists the references of a template', () => {
    expect(templateRefs('${a} and ${now.date}')).toEqual(['a', 'now.date']);
    expect(templateRefs('${broken')).toEqual([]);
  });
});
